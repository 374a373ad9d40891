using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Server.Dashboard;

/// <summary>One thing a commander must not miss: it flashes (banner, marker, sound) until dismissed.</summary>
public sealed record AlarmNotice(string Key, string SiteId, AlarmCause Cause, string? Detail, DateTimeOffset At);

public enum AlarmCause
{
    /// <summary>A device at the site reports a fault (the site turned red).</summary>
    SiteAlarm,
    IdentityRejected,
    MetalDetector,
    CameraTampered,
    IncidentReported,
}

/// <summary>
/// The dashboard's list of unacknowledged alarms, per browser. A site turning red, an identity
/// check that failed, a metal-detector alarm, a camera tampered with or an incident report raises a
/// notice; it stays until dismissed here (acknowledging for everyone arrives with the alarm rules).
/// </summary>
public sealed class AlarmNotices
{
    public const int Capacity = 100;

    private readonly Dictionary<string, SiteStatus> _lastStatus = new(StringComparer.Ordinal);
    private readonly List<AlarmNotice> _active = [];
    private long _sequence;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<AlarmNotice> Active => _active;

    /// <summary>Notices pushed out by newer ones when more than <see cref="Capacity"/> were open.</summary>
    public int Overflowed { get; private set; }

    public IReadOnlySet<string> FlashingSites => _active.Select(n => n.SiteId).ToHashSet(StringComparer.Ordinal);

    /// <summary>Takes in changed sites and new events; returns the notices they raised (for the sound).</summary>
    public IReadOnlyList<AlarmNotice> Observe(IEnumerable<LiveSite> sites, IEnumerable<EventView> events, DateTimeOffset now)
    {
        var raised = new List<AlarmNotice>();
        foreach (var site in sites)
        {
            var before = _lastStatus.GetValueOrDefault(site.SiteId, SiteStatus.Ok);
            _lastStatus[site.SiteId] = site.Status;
            if (site.Status == SiteStatus.Alarm && before != SiteStatus.Alarm)
            {
                raised.Add(new AlarmNotice(NextKey(), site.SiteId, AlarmCause.SiteAlarm, null, now));
            }
        }

        foreach (var ev in events)
        {
            if (CauseOf(ev) is { } cause)
            {
                raised.Add(new AlarmNotice(NextKey(), ev.SiteId, cause, ev.Room is null ? ev.Detail : $"{ev.Room} {ev.Detail}", ev.Ts));
            }
        }

        _active.InsertRange(0, raised);
        if (_active.Count > Capacity)
        {
            Overflowed += _active.Count - Capacity;
            _active.RemoveRange(Capacity, _active.Count - Capacity);
        }

        return raised;
    }

    public void Dismiss(string key) => _active.RemoveAll(n => n.Key == key);

    public void DismissAll() => _active.Clear();

    public static AlarmCause? CauseOf(EventView ev) => (ev.Kind, ev.Type) switch
    {
        (DeviceKind.IdReader, "verify") when ev.IsNotable => AlarmCause.IdentityRejected,
        (DeviceKind.MetalDetector, "alarm") => AlarmCause.MetalDetector,
        (DeviceKind.Camera, "tamper") => AlarmCause.CameraTampered,
        (null, "report_incident") => AlarmCause.IncidentReported,
        _ => null,
    };

    private string NextKey() => (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
