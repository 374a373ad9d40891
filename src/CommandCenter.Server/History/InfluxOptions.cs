using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Server.History;

/// <summary>Section "Influx": the InfluxDB 1.x that keeps history. History is off when Url is empty.</summary>
public sealed class InfluxOptions
{
    public const string Section = "Influx";

    /// <summary>e.g. <c>http://127.0.0.1:8086</c>; empty: no history.</summary>
    public string? Url { get; set; }

    [Required]
    public string Database { get; set; } = "command_center";

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>How long state changes and events are kept (InfluxQL duration; the default policy).</summary>
    [Required]
    public string EventRetention { get; set; } = "400d";

    /// <summary>How long the 1-minute roll-ups are kept.</summary>
    [Required]
    public string RollupRetention { get; set; } = "1200d";

    /// <summary>Points per write request (InfluxDB advises 5 000 at most).</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 5000;

    /// <summary>Longest a point waits for its batch to fill.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Points held while InfluxDB is slow or away; when full, the grains (and so ingest) wait.</summary>
    [Range(1000, 10_000_000)]
    public int QueueCapacity { get; set; } = 500_000;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often region counts are rolled up.</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public const string RollupPolicy = "rollups";

    public const string EventPolicy = "events";
}
