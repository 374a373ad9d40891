namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge:Simulated": simulated devices, for trials and tests without hardware.</summary>
public sealed class SimulatedSettings
{
    /// <summary>Rooms with five simulated devices each, plus the site's vault door and gate reader; 0: none.</summary>
    public int Rooms { get; set; }

    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Identity checks per second over the whole site.</summary>
    public double EventsPerSecond { get; set; } = 0.5;

    public int Seed { get; set; } = 2026;
}
