using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Security;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Api;

/// <summary>
/// Alarms: the list (<c>?state=open,acknowledged&amp;region=…&amp;site=…</c>) and the steps a person takes —
/// acknowledge, dispatch to an inspector, resolve with a note. Every call is checked against the caller's
/// scope; every step is written to the audit trail.
/// </summary>
public static class AlarmEndpoints
{
    public const int MaxNoteLength = 1000;

    public sealed record DispatchRequest(string? Inspector);

    public sealed record ResolveRequest(string? Note);

    public static IEndpointRouteBuilder MapAlarmApi(this IEndpointRouteBuilder app)
    {
        var alarms = app.MapGroup("/api/v1/alarms");

        alarms.MapGet("", async (string? state, string? region, string? site, string? dispatchedTo, IGrainFactory grains, AlarmActions actions,
            RegionCatalog catalog, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            if (ParseStates(state) is not { } states)
            {
                return Invalid("state", "a comma-separated list of open, acknowledged, dispatched, resolved, cleared");
            }

            IReadOnlyList<AlarmView> found;
            if (site is not null)
            {
                if (!Identifiers.IsSiteId(site))
                {
                    return Invalid("site", "an 8-digit site id");
                }

                if (!scope.CanReadSite(site))
                {
                    return SituationEndpoints.OutOfScope(http, $"site {site}");
                }

                found = await grains.GetGrain<ISiteGrain>(site).GetAlarms(includeClosed: true);
            }
            else
            {
                var code = region ?? scope.RegionCode;
                if (code is not null && catalog.Find(code) is null)
                {
                    return Results.Problem($"No region with code '{Trim(code)}' in this province.", statusCode: 404, title: "Region not found");
                }

                if (code is not null && !scope.CanReadRegion(code))
                {
                    return SituationEndpoints.OutOfScope(http, $"region {code}");
                }

                found = await actions.InScope(scope, code);
            }

            return Results.Ok(found
                .Where(a => states.Count == 0 || states.Contains(a.State))
                .Where(a => dispatchedTo is null || a.DispatchedTo == dispatchedTo)
                .Select(AlarmDto.From));
        });

        alarms.MapGet("/{id}", async (string id, IGrainFactory grains, HttpContext http) =>
        {
            if (AlarmActions.SiteOf(id) is not { } siteId || !AccessScope.Of(http.User).CanReadSite(siteId))
            {
                return NotFound(id);
            }

            var all = await grains.GetGrain<ISiteGrain>(siteId).GetAlarms(includeClosed: true);
            return all.FirstOrDefault(a => a.Id == id) is { } alarm
                ? Results.Ok(new { alarm = AlarmDto.From(alarm), members = all.Where(a => a.AggregatedInto == id).Select(AlarmDto.From) })
                : NotFound(id);
        });

        alarms.MapPost("/{id}/ack", (string id, AlarmActions actions, HttpContext http) => Step(actions, http, AlarmActions.Ack, id, null))
            .RequireRateLimiting(SecurityHosting.WriteLimit);

        alarms.MapPost("/{id}/dispatch", (string id, DispatchRequest request, AlarmActions actions, HttpContext http) =>
            request.Inspector is not { Length: > 0 and <= 64 } inspector || !Identifiers.IsDeviceId(inspector)
                ? Task.FromResult(Invalid("inspector", "the inspector's staff id or account (1-64 letters, digits, '.', '_' or '-')"))
                : Step(actions, http, AlarmActions.Dispatch, id, inspector))
            .RequireRateLimiting(SecurityHosting.WriteLimit);

        alarms.MapPost("/{id}/resolve", (string id, ResolveRequest request, AlarmActions actions, HttpContext http) =>
            request.Note is { Length: > MaxNoteLength }
                ? Task.FromResult(Invalid("note", $"at most {MaxNoteLength} characters"))
                : Step(actions, http, AlarmActions.Resolve, id, request.Note))
            .RequireRateLimiting(SecurityHosting.WriteLimit);

        return app;
    }

    private static async Task<IResult> Step(AlarmActions actions, HttpContext http, string action, string id, string? argument)
    {
        var (result, alarm) = await actions.Take(http.User, http.Connection.RemoteIpAddress?.ToString(), action, id, argument);
        return result switch
        {
            AlarmStepResult.NotFound => NotFound(id),
            AlarmStepResult.NotAllowed => Results.Problem(
                $"Account '{http.User.Identity?.Name}' may not {action.Replace("alarm_", "", StringComparison.Ordinal)} alarms.", statusCode: 403, title: "Not allowed"),
            AlarmStepResult.Closed => Results.Problem($"Alarm {id} is {alarm!.State.ToString().ToLowerInvariant()} already; nothing was changed.",
                statusCode: 409, title: "Alarm closed"),
            AlarmStepResult.AlreadyDone => Results.Problem($"Alarm {id} is {alarm!.State.ToString().ToLowerInvariant()} already.", statusCode: 409, title: "Already done"),
            _ => Results.Ok(AlarmDto.From(alarm!)),
        };
    }

    private static HashSet<AlarmState>? ParseStates(string? text)
    {
        var states = new HashSet<AlarmState>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<AlarmState>(part, ignoreCase: true, out var state) || !Enum.IsDefined(state) || int.TryParse(part, out _))
            {
                return null;
            }

            states.Add(state);
        }

        return states;
    }

    private static IResult NotFound(string id) =>
        Results.Problem($"No alarm '{Trim(id)}' in your scope.", statusCode: 404, title: "Alarm not found");

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static string Trim(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

/// <summary>An alarm as the API and the hub send it (the issue's field names; enums snake_case).</summary>
public sealed record AlarmDto(
    string Id, string Cause, AlarmSeverity Severity, string SiteId, string CountyCode, string? Room, string? DeviceId, AlarmState State,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int Count, string? Detail, bool CauseActive, EscalationLevel Escalation,
    AlarmStep? Acknowledged, AlarmStep? Dispatched, string? DispatchedTo, AlarmStep? Closed, string? AggregatedInto)
{
    public static AlarmDto From(AlarmView a) => new(
        a.Id, a.Cause, a.Severity, a.SiteId, RegionCodes.CountyOfSite(a.SiteId), a.Room, a.DeviceId, a.State, a.FirstSeen, a.LastSeen,
        a.Count, a.Detail, a.CauseActive, a.Escalation, a.Acknowledged, a.Dispatched, a.DispatchedTo, a.Closed, a.AggregatedInto);
}
