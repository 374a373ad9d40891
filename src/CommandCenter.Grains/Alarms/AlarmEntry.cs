using CommandCenter.Abstractions.Alarms;

namespace CommandCenter.Grains.Alarms;

/// <summary>The mutable record of one alarm inside its site's book.</summary>
internal sealed class AlarmEntry(string id, string siteId, CauseHit hit, bool sticky, DateTimeOffset now)
{
    public string Id { get; } = id;

    public string Key { get; } = hit.Key;

    public string Cause { get; } = hit.Cause;

    /// <summary>Raised by an event: only a person closes it.</summary>
    public bool Sticky { get; } = sticky;

    public AlarmSeverity Severity { get; set; } = hit.Severity;

    public string? Room { get; } = hit.Room;

    public string? DeviceId { get; } = hit.DeviceId;

    public AlarmState State { get; set; } = AlarmState.Open;

    public DateTimeOffset FirstSeen { get; } = now;

    public DateTimeOffset LastSeen { get; set; } = now;

    public int Count { get; set; } = 1;

    public string? Detail { get; set; } = hit.Detail;

    public bool CauseActive { get; set; } = true;

    public DateTimeOffset? GoneSince { get; set; }

    public EscalationLevel Escalation { get; set; }

    public AlarmStep? Acknowledged { get; set; }

    public AlarmStep? Dispatched { get; set; }

    public string? DispatchedTo { get; set; }

    public AlarmStep? Closed { get; set; }

    public string? AggregatedInto { get; set; }

    /// <summary>Whether the aggregation changed since the regions last heard of this alarm.</summary>
    public bool AggregationChanged { get; set; }

    public bool IsClosed => State is AlarmState.Resolved or AlarmState.Cleared;

    public static AlarmEntry From(StoredAlarm stored)
    {
        var v = stored.View;
        return new AlarmEntry(v.Id, v.SiteId, new CauseHit(v.Cause, stored.Key, v.Severity, v.Room, v.DeviceId, v.Detail), stored.Sticky, v.FirstSeen)
        {
            State = v.State,
            LastSeen = v.LastSeen,
            Count = v.Count,
            CauseActive = v.CauseActive,
            GoneSince = stored.GoneSince,
            Escalation = v.Escalation,
            Acknowledged = v.Acknowledged,
            Dispatched = v.Dispatched,
            DispatchedTo = v.DispatchedTo,
            Closed = v.Closed,
            AggregatedInto = v.AggregatedInto,
        };
    }

    public AlarmView ToView() => new(Id, Cause, Severity, siteId, Room, DeviceId, State, FirstSeen, LastSeen, Count, Detail,
        CauseActive, Escalation, Acknowledged, Dispatched, DispatchedTo, Closed, AggregatedInto);
}
