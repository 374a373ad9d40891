using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Regions;
using CommandCenter.Server.Api;
using CommandCenter.Server.Security;
using static CommandCenter.Server.Custody.CustodyScope;

namespace CommandCenter.Server.Custody;

/// <summary>Paper-set switches (A → B) ordered by a commander, with each site's acknowledgement; the exam's handling rules.</summary>
public static class SwitchEndpoints
{
    public static IEndpointRouteBuilder MapSwitchApi(this IEndpointRouteBuilder app)
    {
        var switches = app.MapGroup("/api/v1/custody/switches");

        switches.MapPost("", async (PaperSwitchService.Request request, PaperSwitchService service, RegionCatalog catalog, AuditTrail audit,
            HttpContext http, CancellationToken cancellationToken) =>
        {
            var scope = AccessScope.Of(http.User);
            if (request.Region is null || catalog.Find(request.Region) is null)
            {
                return Invalid("region", "a region code of this province");
            }

            if (!scope.CanReadRegion(request.Region))
            {
                return SituationEndpoints.OutOfScope(http, $"region {request.Region}");
            }

            if (!IsCommander(scope))
            {
                return NotAllowed(http, "order a paper-set switch");
            }

            if (request.ToSet is not { Length: > 0 and <= 8 } || request.FromSet is { Length: 0 or > 8 } || request.ToSet == request.FromSet)
            {
                return Invalid("toSet", "the set to switch to (e.g. B), different from fromSet");
            }

            if (request.AckTimeoutSeconds is < 5 or > 3600 || request.SessionId is { Length: > 64 } || request.Subject is { Length: > 64 })
            {
                return Invalid("ackTimeoutSeconds", "5–3600 seconds; sessionId and subject at most 64 characters");
            }

            var (view, problem) = await service.Order(request, http.User.Identity?.Name ?? "(unknown)", cancellationToken);
            if (view is null)
            {
                await audit.Record(http, "paper_switch", request.Region, $"refused: {problem}");
                return Results.Problem(problem, statusCode: 409, title: "Switch not ordered");
            }

            await audit.Record(http, "paper_switch", view.Order.SwitchId,
                $"{request.Region} {view.Order.FromSet}→{view.Order.ToSet} {request.SessionId} to {view.Sites.Count} sites");
            return Results.Created($"/api/v1/custody/switches/{view.Order.SwitchId}", view);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        switches.MapGet("", async (IGrainFactory grains, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            var ids = await grains.GetGrain<IPaperSwitchDirectoryGrain>("all").List();
            var views = await Task.WhenAll(ids.TakeLast(100).Select(id => grains.GetGrain<IPaperSwitchGrain>(id).GetView()));
            return Results.Ok(views.Where(v => v is not null && scope.CanReadRegion(v.Order.RegionCode)));
        });

        switches.MapGet("/{id}", async (string id, IGrainFactory grains, HttpContext http) =>
        {
            var view = id.StartsWith(PaperSwitchOrder.Prefix, StringComparison.Ordinal) && id.Length <= 64
                ? await grains.GetGrain<IPaperSwitchGrain>(id).GetView()
                : null;
            return view is not null && AccessScope.Of(http.User).CanReadRegion(view.Order.RegionCode)
                ? Results.Ok(view)
                : Results.Problem($"No switch '{id}' in your scope.", statusCode: 404, title: "Switch not found");
        });

        var rules = app.MapGroup("/api/v1/custody/rules");

        rules.MapGet("/{examId}", async (string examId, IGrainFactory grains) =>
            examId.Length is 0 or > 64 ? Invalid("examId", "1 to 64 characters") : Results.Ok(await grains.GetGrain<IHandlingRulesGrain>(examId).Get()));

        rules.MapPut("/{examId}", async (string examId, HandlingRules request, IGrainFactory grains, RegionCatalog catalog, AuditTrail audit, HttpContext http) =>
        {
            if (!MaySetRules(AccessScope.Of(http.User), catalog))
            {
                return NotAllowed(http, "change handling rules");
            }

            if (examId.Length is 0 or > 64)
            {
                return Invalid("examId", "1 to 64 characters");
            }

            if (request.Validate() is { Count: > 0 } problems)
            {
                return Invalid("rules", string.Join("; ", problems));
            }

            await grains.GetGrain<IHandlingRulesGrain>(examId).Set(request);
            await audit.Record(http, "custody_rules", examId,
                $"dispatch≥{request.SortingDispatchMinStaff} sheets≥{request.AnswerSheetMinStaff} handover≥{request.HandoverMinStaff} backup-approval={request.BackupNeedsApprovalAndChiefDeputy} ack={request.SwitchAckTimeoutSeconds}s");
            return Results.Ok(request);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        return app;
    }
}
