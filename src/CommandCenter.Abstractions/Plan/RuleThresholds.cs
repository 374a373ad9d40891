namespace CommandCenter.Abstractions.Plan;

/// <summary>
/// The numbers the rules and the timeline use, set per exam (the plan's exam table); every one has a
/// default, so a plan names only what it changes.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RuleThresholds
{
    /// <summary>Status intervals a device may miss before it is offline.</summary>
    [Id(0)] public int OfflineMissedIntervals { get; init; } = 3;

    /// <summary>How often devices report status.</summary>
    [Id(1)] public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>|clock offset| above this is a warning.</summary>
    [Id(2)] public int ClockWarningMs { get; init; } = 1_000;

    /// <summary>|clock offset| above this is an alarm.</summary>
    [Id(3)] public int ClockAlarmMs { get; init; } = 3_000;

    /// <summary>The readiness check starts this long before a session.</summary>
    [Id(4)] public TimeSpan ReadinessLead { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Every room must be ready (jammer on, clock in tolerance, cameras recording, id reader ready) this long before the start (T-30).</summary>
    [Id(5)] public TimeSpan RoomReadyLead { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Answer sheets are collected and sealed within this time after the end.</summary>
    [Id(6)] public TimeSpan CollectionWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>An alarm nobody acknowledged goes up one level (county → city → province) after this time.</summary>
    [Id(7)] public TimeSpan EscalateAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A site with more open causes than this shows one aggregated alarm.</summary>
    [Id(8)] public int StormThreshold { get; init; } = 20;

    /// <summary>A site agent away for longer than this is an alarm (a short reconnect is not).</summary>
    [Id(9)] public TimeSpan AgentOfflineAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An alarm whose cause went away is closed (auto-cleared) once the cause stayed away this long; a flapping device keeps its one alarm.</summary>
    [Id(10)] public TimeSpan ClearAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these values, empty when usable.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var problems = new List<(string, string)>();
        if (OfflineMissedIntervals < 1)
        {
            problems.Add((nameof(OfflineMissedIntervals), "must be at least 1"));
        }

        if (StatusInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add((nameof(StatusInterval), "must be at least 1 second"));
        }

        if (ClockWarningMs < 1 || ClockAlarmMs < ClockWarningMs)
        {
            problems.Add((nameof(ClockAlarmMs), "ClockWarningMs must be positive and ClockAlarmMs at least ClockWarningMs"));
        }

        if (ReadinessLead < RoomReadyLead || RoomReadyLead <= TimeSpan.Zero)
        {
            problems.Add((nameof(ReadinessLead), "RoomReadyLead must be positive and ReadinessLead at least RoomReadyLead"));
        }

        if (CollectionWindow < TimeSpan.Zero || EscalateAfter <= TimeSpan.Zero || AgentOfflineAfter < TimeSpan.Zero || ClearAfter < TimeSpan.Zero)
        {
            problems.Add((nameof(EscalateAfter), "CollectionWindow, AgentOfflineAfter and ClearAfter must not be negative, EscalateAfter must be positive"));
        }

        if (StormThreshold < 2)
        {
            problems.Add((nameof(StormThreshold), "must be at least 2"));
        }

        return problems;
    }
}
