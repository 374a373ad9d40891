namespace CommandCenter.Simulator;

/// <summary>How much of the province to simulate.</summary>
public enum SimulationMode
{
    /// <summary>No simulated sites.</summary>
    Off,

    /// <summary>One site per county (122 sites), 8 rooms each: a development-sized province.</summary>
    Small,

    /// <summary>About 400 sites of 50 rooms: exam-day scale.</summary>
    Province,
}
