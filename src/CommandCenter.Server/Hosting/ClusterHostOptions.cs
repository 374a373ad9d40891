using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Server.Hosting;

public enum ClusterProvider
{
    /// <summary>A single-host cluster with in-memory storage (the embedded default).</summary>
    Localhost,
    /// <summary>Redis clustering, storage and reminders (the production profile).</summary>
    Redis,
}

/// <summary>Section "Cluster": how this silo finds the others.</summary>
public sealed class ClusterHostOptions
{
    public const string Section = "Cluster";

    public ClusterProvider Provider { get; set; } = ClusterProvider.Localhost;

    [Required]
    public string ClusterId { get; set; } = "command-center";

    [Required]
    public string ServiceId { get; set; } = "command-center";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}
