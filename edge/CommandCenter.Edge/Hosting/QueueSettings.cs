namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge:Queue": the disk budget of the store-and-forward queue.</summary>
public sealed class QueueSettings
{
    /// <summary>
    /// 4 hours of a 60-room site at full rate need about 1.1 GB (docs/edge-agent.md, "Capacity");
    /// the default leaves a third more.
    /// </summary>
    public const long DefaultMaxBytes = 1536L * 1024 * 1024;

    public const long MinMaxBytes = 256 * 1024;

    /// <summary>Disk budget for both logs together; periodic status is dropped first, oldest first.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Size at which a segment file is closed and a new one begun (at most a sixteenth of the budget).</summary>
    public long SegmentBytes { get; set; } = 8 * 1024 * 1024;
}
