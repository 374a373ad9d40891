using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Server.Hosting;

/// <summary>
/// Section "Ingest": limits and batching of the MQTT ingest. The same section also binds the
/// grains' <c>LivenessOptions</c> (StatusInterval, MissedIntervalsOffline).
/// </summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sustained messages a second one site may send before the excess is dropped.</summary>
    [Range(1, 1_000_000)]
    public double PerSiteMessagesPerSecond { get; set; } = 200;

    /// <summary>Burst a site may send above its rate (an edge catching up after an outage).</summary>
    [Range(1, 10_000_000)]
    public int PerSiteBurst { get; set; } = 2000;

    /// <summary>Message ids remembered per site for de-duplication.</summary>
    [Range(16, 1_000_000)]
    public int DedupWindowPerSite { get; set; } = 4096;

    /// <summary>How long updates wait to be grouped into one call per grain.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Pause before a failed grain call (its silo died) is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 100_000)]
    public int MaxInFlightGrainCalls { get; set; } = 2000;

    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Parse workers; 0 = one per core.</summary>
    [Range(0, 64)]
    public int Workers { get; set; }

    /// <summary>A clock whose |offset| exceeds this is reported as a fault.</summary>
    [Range(1, 600_000)]
    public int ClockToleranceMs { get; set; } = 1000;

    /// <summary>A metal detector below this battery level is reported as a fault.</summary>
    [Range(0, 100)]
    public int LowBatteryPct { get; set; } = 20;
}
