namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge:Batching": how statuses are gathered per room before they are queued.</summary>
public sealed class BatchingSettings
{
    /// <summary>One batch per room at most this often; a device's newer status in the window replaces its older one.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
