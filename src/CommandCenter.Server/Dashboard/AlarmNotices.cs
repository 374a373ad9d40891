using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Server.Api;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Server.Dashboard;

/// <summary>
/// One thing a commander must not miss: it flashes (banner, marker, sound) until dismissed or, when it is an alarm
/// (<see cref="AlarmId"/>), acknowledged. <see cref="Rule"/> names the alarm's cause when the alarm itself raised it.
/// </summary>
public sealed record AlarmNotice(string Key, string SiteId, AlarmCause Cause, string? Detail, DateTimeOffset At, string? AlarmId = null, string? Rule = null);

public enum AlarmCause
{
    /// <summary>A device at the site reports a fault (the site turned red).</summary>
    SiteAlarm,
    IdentityRejected,
    MetalDetector,
    CameraTampered,
    IncidentReported,
    /// <summary>An alarm no device fault or event announced: raised by a rule (zero-report missing, room not ready…).</summary>
    RuleAlarm,
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

    // A site's notice dismissed here: alarms of that site first seen before the dismissal were what it announced
    // (an alarm may reach this browser a push after its site turned red) and do not flash again.
    private readonly Dictionary<string, DateTimeOffset> _dismissedUpTo = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPush;
    // Notices an alarm of a device raised before its site turned red: the red site then raises no second notice.
    private readonly Dictionary<string, string> _awaitingRed = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<AlarmNotice> Active => _active;

    /// <summary>Notices pushed out by newer ones when more than <see cref="Capacity"/> were open.</summary>
    public int Overflowed { get; private set; }

    public IReadOnlySet<string> FlashingSites => _active.Select(n => n.SiteId).ToHashSet(StringComparer.Ordinal);

    /// <summary>Takes in changed sites and new events; returns the notices they raised (for the sound).</summary>
    public IReadOnlyList<AlarmNotice> Observe(IEnumerable<LiveSite> sites, IEnumerable<EventView> events, DateTimeOffset now)
    {
        _lastPush = now;
        var raised = new List<AlarmNotice>();
        foreach (var site in sites)
        {
            var before = _lastStatus.GetValueOrDefault(site.SiteId, SiteStatus.Ok);
            _lastStatus[site.SiteId] = site.Status;
            var announcedByAlarm = _awaitingRed.Remove(site.SiteId, out var key) && _active.Exists(n => n.Key == key);
            if (site.Status == SiteStatus.Alarm && before != SiteStatus.Alarm && !announcedByAlarm)
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

        Add(raised);
        return raised;
    }

    private void Add(List<AlarmNotice> raised)
    {
        _active.InsertRange(0, raised);
        if (_active.Count > Capacity)
        {
            Overflowed += _active.Count - Capacity;
            _active.RemoveRange(Capacity, _active.Count - Capacity);
        }
    }

    /// <summary>
    /// Takes in alarm changes: a new open alarm lends its id to the notice that announced it (the site turning red, the failed
    /// identity check), so it can be acknowledged from the banner for everyone; an alarm acknowledged, dispatched or closed
    /// anywhere takes its notice away. An alarm nothing announced (a rule's: zero-report missing, room not ready, vault
    /// door out of its window…, or a device's that came before its site turned red) raises a notice of its own; the
    /// banner keeps one notice per happening. Returns the notices raised.
    /// </summary>
    public IReadOnlyList<AlarmNotice> ObserveAlarms(IEnumerable<AlarmDto> alarms)
    {
        var raised = new List<AlarmNotice>();
        foreach (var alarm in alarms)
        {
            if (alarm.State != AlarmState.Open || alarm.AggregatedInto is not null)
            {
                _active.RemoveAll(n => n.AlarmId == alarm.Id);
                continue;
            }

            // The banner is for what must not be missed: warnings and silent devices (the map shows them offline) stay on the alarm list.
            if (!_seenAlarms.Add(alarm.Id) || alarm.Severity == AlarmSeverity.Warning || alarm.Cause == AlarmCauses.DeviceOffline)
            {
                continue;
            }

            if (_dismissedUpTo.TryGetValue(alarm.SiteId, out var upTo) && alarm.FirstSeen <= upTo)
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

            var own = new AlarmNotice(NextKey(), alarm.SiteId, AlarmCause.RuleAlarm,
                string.Join(' ', new[] { alarm.Room, alarm.Detail }.Where(p => !string.IsNullOrEmpty(p))) is { Length: > 0 } detail ? detail : null,
                alarm.FirstSeen, alarm.Id, alarm.Cause);
            raised.Add(own);
            if (alarm.DeviceId is not null && _lastStatus.GetValueOrDefault(alarm.SiteId) != SiteStatus.Alarm)
            {
                _awaitingRed[alarm.SiteId] = own.Key;
            }
        }

        Add(raised);

        if (_seenAlarms.Count > 10 * Capacity)
        {
            _seenAlarms.Clear();
            _seenAlarms.UnionWith(_active.Where(n => n.AlarmId is not null).Select(n => n.AlarmId!));
        }

        return raised;
    }

    public void DismissAlarm(string alarmId) => _active.RemoveAll(n => n.AlarmId == alarmId);

    public void Dismiss(string key)
    {
        foreach (var notice in _active.Where(n => n.Key == key))
        {
            _dismissedUpTo[notice.SiteId] = _lastPush;
        }

        _active.RemoveAll(n => n.Key == key);
    }

    public void DismissAll()
    {
        foreach (var notice in _active)
        {
            _dismissedUpTo[notice.SiteId] = _lastPush;
        }

        _active.Clear();
    }

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
