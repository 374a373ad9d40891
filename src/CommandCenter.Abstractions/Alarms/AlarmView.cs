namespace CommandCenter.Abstractions.Alarms;

[GenerateSerializer]
public enum AlarmSeverity
{
    Warning = 0,
    Alarm = 1,
    Critical = 2,
}

/// <summary>Where an alarm is in its life: open → acknowledged → dispatched → resolved, or cleared when its cause went away.</summary>
[GenerateSerializer]
public enum AlarmState
{
    Open = 0,
    Acknowledged = 1,
    Dispatched = 2,
    Resolved = 3,
    Cleared = 4,
}

/// <summary>Who must act: an alarm nobody acknowledges goes up from the county to the city, then the province.</summary>
[GenerateSerializer]
public enum EscalationLevel
{
    County = 0,
    City = 1,
    Province = 2,
}

/// <summary>
/// One alarm: one per cause and place while it is not closed (a flapping device raises <see cref="Count"/>,
/// never a second alarm). <see cref="Detail"/> carries the ticket number for identity alarms.
/// <see cref="AggregatedInto"/> names the site's storm alarm while one stands for it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlarmView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Cause,
    [property: Id(2)] AlarmSeverity Severity,
    [property: Id(3)] string SiteId,
    [property: Id(4)] string? Room,
    [property: Id(5)] string? DeviceId,
    [property: Id(6)] AlarmState State,
    [property: Id(7)] DateTimeOffset FirstSeen,
    [property: Id(8)] DateTimeOffset LastSeen,
    [property: Id(9)] int Count,
    [property: Id(10)] string? Detail,
    [property: Id(11)] bool CauseActive,
    [property: Id(12)] EscalationLevel Escalation,
    [property: Id(13)] AlarmStep? Acknowledged,
    [property: Id(14)] AlarmStep? Dispatched,
    [property: Id(15)] string? DispatchedTo,
    [property: Id(16)] AlarmStep? Closed,
    [property: Id(17)] string? AggregatedInto)
{
    public bool IsClosed => State is AlarmState.Resolved or AlarmState.Cleared;
}

/// <summary>Who did a step and when (<see cref="Note"/> for a resolution).</summary>
[GenerateSerializer, Immutable]
public sealed record AlarmStep(
    [property: Id(0)] string By,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Note);

[GenerateSerializer]
public enum AlarmActionOutcome
{
    Done = 0,
    NotFound = 1,
    /// <summary>The alarm is resolved or cleared already.</summary>
    Closed = 2,
    /// <summary>The step was taken before (acknowledging twice).</summary>
    AlreadyDone = 3,
}

[GenerateSerializer, Immutable]
public sealed record AlarmActionResult(
    [property: Id(0)] AlarmActionOutcome Outcome,
    [property: Id(1)] AlarmView? Alarm);
