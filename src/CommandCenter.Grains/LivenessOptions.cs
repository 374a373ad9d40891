namespace CommandCenter.Grains;

/// <summary>When a device that stopped reporting counts as offline (bound from section "Ingest").</summary>
public sealed class LivenessOptions
{
    /// <summary>How often edges send status (protocol default: every 10 s).</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Missed intervals after which a device is offline.</summary>
    public int MissedIntervalsOffline { get; set; } = 3;

    public TimeSpan OfflineAfter => StatusInterval * MissedIntervalsOffline;
}
