using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Server.Api;
using CommandCenter.Server.Security;
using static CommandCenter.Server.Custody.CustodyScope;

namespace CommandCenter.Server.Custody;

/// <summary>
/// Paper bags: register them, where is bag X, bags by state and region, a tablet's handover, a commander's
/// approval of backup papers. Reads are scope-checked; every write is audited, refused ones too.
/// </summary>
public static class BagEndpoints
{
    public const int MaxBagsPerRegistration = 5000;

    public sealed record HandoverRequest(string? SiteId, string? Bag, string? Action, string? Room, IReadOnlyList<string>? Staff,
        int? Count, string? Note, string? MsgId);

    public sealed record ApprovalRequest(string? Note);

    public static IEndpointRouteBuilder MapBagApi(this IEndpointRouteBuilder app)
    {
        var bags = app.MapGroup("/api/v1/bags");

        // Out of scope answers like unknown: a bag id must not reveal where papers are.
        bags.MapGet("/{bagId}", async (string bagId, CustodyDesk desk, HttpContext http) =>
            await desk.Find(bagId, AccessScope.Of(http.User)) is { } detail
                ? Results.Ok(detail)
                : Results.Problem($"No bag '{Trim(bagId)}' in your scope.", statusCode: 404, title: "Bag not found"));

        bags.MapGet("", async (string? state, string? region, string? siteId, bool? missing, IGrainFactory grains, CustodyDesk desk, RegionCatalog catalog, TimeProvider time, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            BagState? wanted = null;
            if (state is not null)
            {
                if (!Enum.TryParse<BagState>(state.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) || int.TryParse(state, out _))
                {
                    return Invalid("state", "one of " + string.Join(", ", Enum.GetNames<BagState>()));
                }

                wanted = parsed;
            }

            IEnumerable<string> counties;
            if (siteId is not null)
            {
                if (!Identifiers.IsSiteId(siteId))
                {
                    return Invalid("siteId", "an 8-digit site id");
                }

                if (!scope.CanReadSite(siteId))
                {
                    return SituationEndpoints.OutOfScope(http, $"site {siteId}");
                }

                counties = [RegionCodes.CountyOfSite(siteId)];
            }
            else if (region is not null || scope.RegionCode is not null)
            {
                var code = region ?? scope.RegionCode!;
                if (catalog.Find(code) is null)
                {
                    return Results.Problem($"No region with code '{Trim(code)}' in this province.", statusCode: 404, title: "Region not found");
                }

                if (!scope.CanReadRegion(code))
                {
                    return SituationEndpoints.OutOfScope(http, $"region {code}");
                }

                counties = CountiesOf(code, catalog);
            }
            else
            {
                counties = scope.Sites.Select(RegionCodes.CountyOfSite).Distinct(StringComparer.Ordinal);
            }

            IEnumerable<BagSummary> found = await desk.ListIn(counties, wanted, scope);
            if (missing == true)
            {
                var plan = await grains.GetGrain<Abstractions.Plan.IExamPlanGrain>(Abstractions.Plan.IExamPlanGrain.CurrentKey).GetPlan();
                found = plan is null ? [] : MissingBags.Find(found, plan, time.GetUtcNow());
            }

            return Results.Ok(found
                .Where(b => siteId is null || b.SiteId == siteId)
                .OrderBy(b => b.SiteId, StringComparer.Ordinal).ThenBy(b => b.BagId, StringComparer.Ordinal));
        });

        bags.MapPost("", async (IReadOnlyList<PaperBagSpec>? specs, IGrainFactory grains, AuditTrail audit, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            if (!MayRegisterBags(scope))
            {
                return NotAllowed(http, "register paper bags");
            }

            if (specs is not { Count: > 0 and <= MaxBagsPerRegistration })
            {
                return Invalid("body", $"a JSON array of 1 to {MaxBagsPerRegistration} bags");
            }

            // Everything is checked before anything is registered: a bad row registers nothing.
            for (var i = 0; i < specs.Count; i++)
            {
                if (SpecProblem(specs[i]) is { } problem)
                {
                    return Invalid($"[{i}]", problem);
                }

                if (!scope.CanReadSite(specs[i].SiteId) && scope.Role != Abstractions.Security.Role.Administrator)
                {
                    return SituationEndpoints.OutOfScope(http, $"site {specs[i].SiteId}");
                }
            }

            var conflicts = new List<string>();
            foreach (var spec in specs)
            {
                if (!await grains.GetGrain<IPaperBagGrain>(spec.BagId).Register(spec))
                {
                    conflicts.Add(spec.BagId);
                }
            }

            await audit.Record(http, "bag_register", $"{specs.Count} bags", conflicts.Count == 0 ? null : $"conflicting: {string.Join(' ', conflicts.Take(20))}");
            return Results.Ok(new { registered = specs.Count - conflicts.Count, conflicts });
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        bags.MapPost("/{bagId}/approve", async (string bagId, ApprovalRequest? request, IGrainFactory grains, CustodyDesk desk, AuditTrail audit, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            if (await desk.Find(bagId, scope) is null)
            {
                return Results.Problem($"No bag '{Trim(bagId)}' in your scope.", statusCode: 404, title: "Bag not found");
            }

            if (!IsCommander(scope))
            {
                return NotAllowed(http, "approve opening spare or backup papers");
            }

            if (request?.Note is { Length: > 1000 })
            {
                return Invalid("note", "at most 1000 characters");
            }

            var by = http.User.Identity?.Name ?? "(unknown)";
            var outcome = await grains.GetGrain<IPaperBagGrain>(bagId).Approve(by, $"approval-{Guid.NewGuid():N}", request?.Note);
            await audit.Record(http, "bag_approve", bagId, Describe(outcome));
            return Answer(outcome);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        app.MapPost("/api/v1/custody", async (HandoverRequest request, CustodyDesk desk, HttpContext http) =>
            await desk.Handover(request, AccessScope.Of(http.User), AdminActor.Of(http)) switch
            {
                { Field: { } field, Problem: { } problem } => Invalid(field, problem),
                { OutOfScope: true, Problem: { } what } => SituationEndpoints.OutOfScope(http, what),
                { NotAllowed: true, Problem: { } what } => NotAllowed(http, what),
                { Outcome: { } outcome } => Answer(outcome),
                _ => Results.Problem("The handover could not be recorded.", statusCode: 500),
            }).RequireRateLimiting(SecurityHosting.WriteLimit);

        return app;
    }

    internal static string Describe(CustodyOutcome o) => o.Verdict switch
    {
        CustodyVerdict.Accepted => $"accepted #{o.Sequence}",
        CustodyVerdict.Duplicate => "duplicate, no effect",
        _ => $"refused {o.Reason}: {o.Detail}",
    };

    private static IResult Answer(CustodyOutcome outcome) => outcome.Verdict == CustodyVerdict.Refused
        ? Results.Json(outcome, statusCode: outcome.Reason == CustodyRefusal.UnknownBag ? 404 : 422)
        : Results.Ok(outcome);

    private static string? SpecProblem(PaperBagSpec? s) =>
        s is null ? "a bag object"
        : !Identifiers.IsDeviceId(s.BagId) ? "bagId must match [A-Za-z0-9_.-]{1,64}"
        : !Identifiers.IsSiteId(s.SiteId ?? "") ? "siteId must be 8 digits"
        : !Identifiers.IsRoom(s.Room ?? "") ? "room must be 3 digits"
        : s.ExamId is not { Length: > 0 and <= 64 } || s.SessionId is not { Length: > 0 and <= 64 } ? "examId and sessionId are required (at most 64 characters)"
        : s.Subject is not { Length: > 0 and <= 64 } ? "subject is required (at most 64 characters)"
        : s.PaperSet is not { Length: > 0 and <= 8 } ? "paperSet (A, B, C…) is required"
        : s.Count is < 0 or > 10_000 ? "count must be 0–10000"
        : !Enum.IsDefined(s.Kind) ? "kind must be regular, spare or backup"
        : null;

    internal static (string Field, string Message)? HandoverProblem(HandoverRequest r) =>
        !Identifiers.IsSiteId(r.SiteId ?? "") ? ("siteId", "an 8-digit site id")
        : !Identifiers.IsDeviceId(r.Bag ?? "") ? ("bag", "the bag id printed on the bag, [A-Za-z0-9_.-]{1,64}")
        : r.Action is null || !CustodyAction.Events.Contains(r.Action) ? ("action", "one of " + string.Join(", ", CustodyAction.Events))
        : r.Room is not null && !Identifiers.IsRoom(r.Room) ? ("room", "3 digits")
        : r.Staff is not { Count: > 0 and <= 20 } || r.Staff.Any(s => !Identifiers.IsDeviceId(s ?? "")) ? ("staff", "1 to 20 staff ids (工号)")
        : r.Count is < 0 or > 10_000 ? ("count", "0–10000")
        : r.Note is { Length: > 1000 } ? ("note", "at most 1000 characters")
        : r.MsgId is not null && !Identifiers.IsMsgId(r.MsgId) ? ("msgId", "1 to 64 printable characters without spaces")
        : null;

    private static string Trim(string value) => value.Length > 32 ? value[..32] + "…" : value;
}
