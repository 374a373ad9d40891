using System.Security.Claims;
using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Security;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Api;

/// <summary>What became of a step on an alarm.</summary>
public enum AlarmStepResult
{
    Done,
    /// <summary>Unknown, or outside the caller's scope (the two are not told apart).</summary>
    NotFound,
    /// <summary>The caller's role may not take this step.</summary>
    NotAllowed,
    Closed,
    AlreadyDone,
}

/// <summary>
/// Acknowledge, dispatch, resolve: one place for the scope check, the role check and the audit record,
/// used by the HTTP API and by the dashboard's buttons alike.
/// </summary>
public sealed class AlarmActions(IGrainFactory grains, AuditTrail audit)
{
    public const string Ack = "alarm_ack";
    public const string Dispatch = "alarm_dispatch";
    public const string Resolve = "alarm_resolve";

    public async Task<(AlarmStepResult Result, AlarmView? Alarm)> Take(ClaimsPrincipal user, string? from, string action, string id, string? argument)
    {
        var scope = AccessScope.Of(user);
        if (SiteOf(id) is not { } siteId || !scope.CanReadSite(siteId))
        {
            return (AlarmStepResult.NotFound, null);
        }

        if (!MayAct(scope.Role, action))
        {
            return (AlarmStepResult.NotAllowed, null);
        }

        var by = user.Identity?.Name ?? "(unknown)";
        var site = grains.GetGrain<ISiteGrain>(siteId);
        var result = action switch
        {
            Ack => await site.Acknowledge(id, by),
            Dispatch => await site.Dispatch(id, by, argument!),
            Resolve => await site.Resolve(id, by, argument),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        switch (result.Outcome)
        {
            case AlarmActionOutcome.NotFound:
                return (AlarmStepResult.NotFound, null);
            case AlarmActionOutcome.Closed:
                return (AlarmStepResult.Closed, result.Alarm);
            case AlarmActionOutcome.AlreadyDone:
                return (AlarmStepResult.AlreadyDone, result.Alarm);
            default:
                await audit.Record(by, scope.Role?.ToString(), from, action, id, argument);
                return (AlarmStepResult.Done, result.Alarm);
        }
    }

    /// <summary>Commanders and site chiefs take every step; inspectors acknowledge and resolve; auditors, video monitors and administrators only read.</summary>
    public static bool MayAct(Role? role, string action) => role switch
    {
        Role.ProvincialCommander or Role.CityOperator or Role.CountyOperator or Role.SiteChief => true,
        Role.PatrolInspector => action is Ack or Resolve,
        _ => false,
    };

    /// <summary>Alarm ids start with their site's id: <c>{siteId}-…</c>.</summary>
    public static string? SiteOf(string id) =>
        id.Length > 9 && id[8] == '-' && Identifiers.IsSiteId(id.AsSpan(0, 8)) ? id[..8] : null;

    /// <summary>The alarms a scope may read: a region's from its region grain, single sites' from the sites.</summary>
    public async Task<IReadOnlyList<AlarmView>> InScope(AccessScope scope, string? region = null)
    {
        if ((region ?? scope.RegionCode) is { } code)
        {
            return await grains.GetGrain<IRegionGrain>(code).GetAlarms();
        }

        var sites = scope.Sites.Concat(scope.Cameras.Select(c => c.Split('.')[0])).Distinct(StringComparer.Ordinal);
        var lists = await Task.WhenAll(sites.Select(s => grains.GetGrain<ISiteGrain>(s).GetAlarms(includeClosed: true)));
        return lists.SelectMany(l => l).Where(a => a.AggregatedInto is null).OrderByDescending(a => a.FirstSeen).ToList();
    }
}
