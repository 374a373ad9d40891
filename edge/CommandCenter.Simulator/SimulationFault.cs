namespace CommandCenter.Simulator;

/// <summary>
/// One injected fault. <see cref="Room"/> and <see cref="DeviceId"/> are null for an agent dropout;
/// <see cref="Duration"/> is how long it lasts (for a dropout, how long the agent stays away).
/// <see cref="At"/> is when it was requested, or, when raised by <c>FaultInjected</c>, when it took effect.
/// </summary>
public sealed record SimulationFault(
    string SiteId,
    FaultKind Kind,
    string? Room,
    string? DeviceId,
    TimeSpan Duration,
    DateTimeOffset At);
