namespace CommandCenter.Simulator;

/// <summary>The faults the simulation can inject.</summary>
public enum FaultKind
{
    /// <summary>A room jammer reports an antenna fault.</summary>
    JammerFault,

    /// <summary>A room clock drifts by seconds and loses its sync (sometimes reporting it stopped).</summary>
    ClockDrift,

    /// <summary>A room camera goes offline and stops recording.</summary>
    CameraOffline,

    /// <summary>The site agent loses its connection uncleanly, so the broker publishes its will.</summary>
    AgentDropout,
}
