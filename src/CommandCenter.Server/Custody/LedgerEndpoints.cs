using System.Globalization;
using System.Text;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Api;
using CommandCenter.Server.Security;
using static CommandCenter.Server.Custody.CustodyScope;

namespace CommandCenter.Server.Custody;

/// <summary>
/// The custody ledgers: verify a site's hash chain, a site's counters and refusals, and CSV exports per bag,
/// site or exam for the post-exam review. Verifications and exports are audited.
/// </summary>
public static class LedgerEndpoints
{
    public sealed record DutyRequest(IReadOnlyList<string>? Staff, DateTimeOffset? From, DateTimeOffset? To, string? Note);

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/v1/ledger");

        ledger.MapGet("/verify", async (string? siteId, IGrainFactory grains, AuditTrail audit, HttpContext http) =>
        {
            if (!Identifiers.IsSiteId(siteId ?? ""))
            {
                return Invalid("siteId", "an 8-digit site id");
            }

            if (!AccessScope.Of(http.User).CanReadSite(siteId!))
            {
                return SituationEndpoints.OutOfScope(http, $"site {siteId}");
            }

            var result = await grains.GetGrain<ISiteCustodyGrain>(siteId!).Verify();
            await audit.Record(http, "ledger_verify", siteId!, result.Ok ? $"ok, {result.Entries} entries" : $"broken at {result.BrokenAt}: {result.Reason}");
            return Results.Ok(new { ok = result.Ok, brokenAt = result.BrokenAt, entries = result.Entries, reason = result.Reason });
        });

        app.MapGet("/api/v1/custody/sites/{siteId}", async (string siteId, IGrainFactory grains, HttpContext http) =>
            !Identifiers.IsSiteId(siteId) ? Invalid("siteId", "an 8-digit site id")
            : !AccessScope.Of(http.User).CanReadSite(siteId) ? SituationEndpoints.OutOfScope(http, $"site {siteId}")
            : Results.Ok(await grains.GetGrain<ISiteCustodyGrain>(siteId).GetView()));

        app.MapPost("/api/v1/custody/sites/{siteId}/duty", async (string siteId, DutyRequest request, IGrainFactory grains, AuditTrail audit,
            TimeProvider time, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            if (!Identifiers.IsSiteId(siteId) || !scope.CanReadSite(siteId))
            {
                return SituationEndpoints.OutOfScope(http, $"site {siteId}");
            }

            if (!MayRecordHandover(scope))
            {
                return NotAllowed(http, "record vault duty shifts");
            }

            if (request.Staff is not { Count: > 0 and <= 20 } staff || staff.Any(s => !Identifiers.IsDeviceId(s ?? "")) || request.From is null || request.To is null
                || request.Note is { Length: > 1000 })
            {
                return Invalid("staff", "1 to 20 staff ids, from and to (RFC 3339), a note of at most 1000 characters");
            }

            var shift = new VaultDutyShift(staff.ToArray(), request.From.Value, request.To.Value, http.User.Identity?.Name ?? "(unknown)", time.GetUtcNow(), request.Note);
            var problem = await grains.GetGrain<ISiteCustodyGrain>(siteId).RecordDuty(shift);
            await audit.Record(http, "vault_duty", siteId, problem ?? $"{string.Join(' ', staff)} {request.From:O}–{request.To:O}");
            return problem is null ? Results.Ok(shift) : Results.Problem(problem, statusCode: 422, title: "Duty shift refused");
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        ledger.MapGet("/export", async (string? siteId, string? bagId, string? examId, IGrainFactory grains, AuditTrail audit, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            IReadOnlyList<LedgerEntry> entries;
            string name;
            if (bagId is not null)
            {
                var detail = Identifiers.IsDeviceId(bagId) ? await grains.GetGrain<IPaperBagGrain>(bagId).GetDetail() : null;
                if (detail is null || !scope.CanReadSite(detail.Spec.SiteId))
                {
                    return Results.Problem($"No bag '{bagId}' in your scope.", statusCode: 404, title: "Bag not found");
                }

                entries = detail.History;
                name = $"bag-{bagId}";
            }
            else if (siteId is not null)
            {
                if (!Identifiers.IsSiteId(siteId))
                {
                    return Invalid("siteId", "an 8-digit site id");
                }

                if (!scope.CanReadSite(siteId))
                {
                    return SituationEndpoints.OutOfScope(http, $"site {siteId}");
                }

                entries = await grains.GetGrain<ISiteCustodyGrain>(siteId).Entries(null);
                name = $"site-{siteId}";
            }
            else if (examId is not null)
            {
                var plan = await grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetPlan();
                if (plan is null || plan.ExamId != examId)
                {
                    return Results.Problem($"Exam '{examId}' is not the loaded plan.", statusCode: 404, title: "Exam not found");
                }

                // The exam's sites that the caller may read; one ledger per site.
                var sites = plan.Sites.Select(s => s.SiteId).Where(scope.CanReadSite).ToList();
                var lists = await Task.WhenAll(sites.Select(s => grains.GetGrain<ISiteCustodyGrain>(s).Entries(null)));
                entries = lists.SelectMany(l => l).Where(e => e.ExamId == examId).ToList();
                name = $"exam-{examId}";
            }
            else
            {
                return Invalid("siteId", "one of siteId, bagId or examId");
            }

            await audit.Record(http, "ledger_export", name, $"{entries.Count} entries");
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(entries))).ToArray(),
                "text/csv; charset=utf-8", $"custody-{name}.csv");
        });

        return app;
    }

    internal static string ToCsv(IEnumerable<LedgerEntry> entries)
    {
        var csv = new StringBuilder("site,sequence,exam,bag,msg_id,ts,received_at,action,from,to,room,staff,count,note,source,previous_hash,hash\n");
        foreach (var e in entries)
        {
            csv.AppendJoin(',', e.SiteId, e.Sequence.ToString(CultureInfo.InvariantCulture), AuditEndpoints.Cell(e.ExamId), AuditEndpoints.Cell(e.BagId),
                AuditEndpoints.Cell(e.MsgId), e.Ts.ToString("O", CultureInfo.InvariantCulture), e.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
                e.Action, e.From, e.To, e.Room, AuditEndpoints.Cell(string.Join(' ', e.Staff)), e.Count?.ToString(CultureInfo.InvariantCulture),
                AuditEndpoints.Cell(e.Note), AuditEndpoints.Cell(e.Source), e.PreviousHash, e.Hash).Append('\n');
        }

        return csv.ToString();
    }
}
