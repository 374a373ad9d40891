using CommandCenter.Abstractions;

namespace CommandCenter.Server.Dashboard;

/// <summary>A site's colour on the map. Ordered by severity: the worst member colours a cluster or a region.</summary>
public enum SiteStatus
{
    Ok = 0,
    Warning = 1,
    Offline = 2,
    Alarm = 3,
}

public static class SiteStatuses
{
    /// <summary>
    /// Offline when its agent is gone; alarm when a device reports a fault (jammer off in session,
    /// metal detector alarm, clock stopped…); warning when devices are silent or not yet reporting.
    /// </summary>
    public static SiteStatus Of(Tally tally) => tally.SitesOnline == 0
        ? SiteStatus.Offline
        : tally.DevicesFault > 0
            ? SiteStatus.Alarm
            : tally.DevicesOffline > 0 || tally.DevicesUnknown > 0 ? SiteStatus.Warning : SiteStatus.Ok;

    public static string Wire(this SiteStatus status) => status switch
    {
        SiteStatus.Ok => "ok",
        SiteStatus.Warning => "warning",
        SiteStatus.Offline => "offline",
        _ => "alarm",
    };

    public static SiteStatus Worst(IEnumerable<SiteStatus> statuses) => statuses.DefaultIfEmpty(SiteStatus.Ok).Max();
}
