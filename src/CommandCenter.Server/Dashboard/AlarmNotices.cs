using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Server.Api;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Server.Dashboard;

/// <summary>One thing a commander must not miss: it flashes (banner, marker, sound) until dismissed or, when it is an alarm (<see cref="AlarmId"/>), acknowledged.</summary>
public sealed record AlarmNotice(string Key, string SiteId, AlarmCause Cause, string? Detail, DateTimeOffset At, string? AlarmId = null);

public enum AlarmCause
{
    /// <summary>A device at the site reports a fault (the site turned red).</summary>
    SiteAlarm,
    IdentityRejected,
    MetalDetector,
    CameraTampered,
    IncidentReported,
    /// <summary>An alarm raised by the rules (its cause in the detail).</summary>
    Rule,
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
    private readonly HashSet<string> _seenAlarms = new(StringComparer.Ordinal);
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
            // An alarm of the rules that already flashes for the site stands for it turning red.
            if (site.Status == SiteStatus.Alarm && before != SiteStatus.Alarm
                && !_active.Any(n => n.SiteId == site.SiteId && n.Cause == AlarmCause.Rule))
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

    /// <summary>
    /// Takes in alarm changes: a new open alarm raises a notice (or lends its id to the event notice that announced it,
    /// so it can be acknowledged from the banner); an alarm acknowledged, dispatched or closed anywhere takes its notice away.
    /// </summary>
    public IReadOnlyList<AlarmNotice> ObserveAlarms(IEnumerable<AlarmDto> alarms, Func<string, string> causeName)
    {
        var raised = new List<AlarmNotice>();
        foreach (var alarm in alarms)
        {
            if (alarm.State != AlarmState.Open || alarm.AggregatedInto is not null)
            {
                _active.RemoveAll(n => n.AlarmId == alarm.Id);
                continue;
            }

            if (!_seenAlarms.Add(alarm.Id))
            {
                continue;
            }

            // The notice that announced it already (the site turning red, the failed identity check) takes its id.
            var announced = _active.FindIndex(n => n.AlarmId is null && n.SiteId == alarm.SiteId
                && (n.Cause == AlarmCause.SiteAlarm || (alarm.Detail is { Length: > 0 } d && n.Detail?.Contains(d, StringComparison.Ordinal) == true)));
            if (announced >= 0)
            {
                _active[announced] = _active[announced] with { AlarmId = alarm.Id };
                continue;
            }

            var detail = string.Join(' ', new[] { causeName(alarm.Cause), alarm.Room, alarm.Detail }.Where(p => !string.IsNullOrEmpty(p)));
            raised.Add(new AlarmNotice(NextKey(), alarm.SiteId, AlarmCause.Rule, detail, alarm.FirstSeen, alarm.Id));
        }

        _active.InsertRange(0, raised);
        if (_active.Count > Capacity)
        {
            Overflowed += _active.Count - Capacity;
            _active.RemoveRange(Capacity, _active.Count - Capacity);
        }

        if (_seenAlarms.Count > 10 * Capacity)
        {
            _seenAlarms.Clear();
            _seenAlarms.UnionWith(_active.Where(n => n.AlarmId is not null).Select(n => n.AlarmId!));
        }

        return raised;
    }

    public void DismissAlarm(string alarmId) => _active.RemoveAll(n => n.AlarmId == alarmId);

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
