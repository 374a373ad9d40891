namespace CommandCenter.Abstractions.Plan;

/// <summary>Where a site is in the exam day.</summary>
[GenerateSerializer]
public enum SessionPhase
{
    /// <summary>No session near: before the first readiness check, between sessions, after the day.</summary>
    Closed = 0,
    /// <summary>Devices checked, clocks calibrated, cameras framed (from <see cref="RuleThresholds.ReadinessLead"/> before the start).</summary>
    ReadinessCheck = 1,
    /// <summary>Candidates enter through the identity check and the metal detector.</summary>
    Entry = 2,
    /// <summary>The exam is being written.</summary>
    InSession = 3,
    /// <summary>Answer sheets are collected and sealed.</summary>
    Collection = 4,
}

/// <summary>The phase at a moment, and the session it belongs to (null when closed).</summary>
[GenerateSerializer, Immutable]
public readonly record struct PhaseAt(
    [property: Id(0)] SessionPhase Phase,
    [property: Id(1)] string? SessionId);
