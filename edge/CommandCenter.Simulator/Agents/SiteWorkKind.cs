namespace CommandCenter.Simulator.Agents;

/// <summary>What a site agent's pump is asked to do next.</summary>
internal enum SiteWorkKind
{
    RoomStatus,
    SiteStatus,
    Verify,
    Fault,
    Probe,
}
