namespace CommandCenter.Simulator.Agents;

/// <summary>One request to a site agent. Routine work (statuses, checks) may be skipped; faults and probes never are.</summary>
internal readonly record struct SiteWork(
    SiteWorkKind Kind,
    int Room = 0,
    long Value = 0,
    SimulationFault? Fault = null,
    TaskCompletionSource<DateTimeOffset>? Probe = null)
{
    public bool IsRoutine => Kind is SiteWorkKind.RoomStatus or SiteWorkKind.SiteStatus or SiteWorkKind.Verify;
}
