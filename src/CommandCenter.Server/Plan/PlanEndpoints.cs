using System.IO.Compression;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Abstractions.Security;
using CommandCenter.Plan;
using CommandCenter.Server.Api;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Plan;

/// <summary>
/// <c>POST /api/v1/plan</c> imports a plan: a JSON document (<c>application/json</c>) or a zip of the CSV
/// files (<c>application/zip</c>); <c>GET /api/v1/plan</c> shows the stored plan and the phase now.
/// </summary>
public static class PlanEndpoints
{
    private const long MaxBody = 64L * 1024 * 1024;
    private const int MaxZipEntries = 32;

    public sealed record PhaseDto(SessionPhase Phase, string? SessionId);

    public sealed record PlanDto(PlanSummary Summary, PhaseDto Phase, IReadOnlyList<ExamSession> Sessions, RuleThresholds Thresholds);

    public static IEndpointRouteBuilder MapPlanApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/plan", async (IGrainFactory grains, TimeProvider time) =>
        {
            var plan = await grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetPlan();
            var summary = await grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetSummary();
            if (plan is null || summary is null)
            {
                return Results.Problem("No exam plan has been imported.", statusCode: 404, title: "No plan");
            }

            var phase = new ExamTimeline(plan.Sessions, plan.Thresholds).At(time.GetUtcNow());
            return Results.Ok(new PlanDto(summary, new PhaseDto(phase.Phase, phase.SessionId), plan.Sessions, plan.Thresholds));
        });

        app.MapPost("/api/v1/plan", async (HttpContext http, PlanImporter importer, AuditTrail audit, Regions.RegionCatalog catalog,
            AccountAdministration accounts, IGrainFactory grains) =>
        {
            var scope = AccessScope.Of(http.User);
            if (!(scope.Role == Role.Administrator || (scope.Role == Role.ProvincialCommander && scope.SeesProvince(catalog))))
            {
                return SituationEndpoints.OutOfScope(http, "importing the exam plan");
            }

            var (raw, error) = await Read(http.Request);
            if (raw is null)
            {
                await audit.Record(http, "plan_import_rejected", "(unreadable)", error);
                return Results.Problem(error, statusCode: 400, title: "Not a plan");
            }

            var result = await importer.Import(raw);
            if (!result.Ok)
            {
                await audit.Record(http, "plan_import_rejected", raw.Exam.GetValueOrDefault("examId").Text ?? "(no examId)",
                    $"{result.Problems.Count} problem(s), first: {result.Problems[0]}");
                return Results.Problem($"The plan has {result.Problems.Count} problem(s); nothing was imported.", statusCode: 422,
                    title: "Plan rejected", extensions: new Dictionary<string, object?> { ["problems"] = result.Problems });
            }

            var summary = result.Summary!;
            await audit.Record(http, "plan_import", summary.ExamId,
                $"{result.Outcome} v{summary.Version} {summary.Fingerprint[..12]}: {summary.Sites} sites, {summary.Rooms} rooms, {summary.Sessions} sessions, {result.BagsRegistered} bags");
            // Inspectors' site assignments come with the plan: their accounts' scopes follow it (each change audited).
            var plan = await grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetPlan();
            var inspectors = plan is null ? [] : await accounts.AssignInspectors(plan, AdminActor.Of(http));
            return Results.Ok(new { outcome = result.Outcome, summary, inspectorsAssigned = inspectors, bagsRegistered = result.BagsRegistered });
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        return app;
    }

    private static async Task<(RawPlan? Raw, string? Error)> Read(HttpRequest request)
    {
        if (request.ContentLength > MaxBody)
        {
            return (null, $"larger than {MaxBody / 1024 / 1024} MiB");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        var type = request.ContentType?.Split(';')[0].Trim();
        switch (type)
        {
            case "application/json":
                return (JsonPlanReader.Read("plan.json", bytes), null);
            case "application/zip":
                try
                {
                    using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                    if (zip.Entries.Count > MaxZipEntries || zip.Entries.Sum(e => e.Length) > MaxBody)
                    {
                        return (null, "the zip holds too many or too large files");
                    }

                    var files = new List<(string, string)>();
                    foreach (var entry in zip.Entries.Where(e => e.Name.Length > 0))
                    {
                        using var reader = new StreamReader(entry.Open());
                        files.Add((entry.Name, await reader.ReadToEndAsync()));
                    }

                    return (CsvPlanReader.Read(files), null);
                }
                catch (InvalidDataException ex)
                {
                    return (null, "not a readable zip: " + ex.Message);
                }

            default:
                return (null, "send the plan as application/json, or its CSV files zipped as application/zip");
        }
    }
}
