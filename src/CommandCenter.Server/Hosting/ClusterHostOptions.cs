using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Server.Hosting;

public enum ClusterProvider
{
    /// <summary>A single-host cluster with in-memory state (the embedded default).</summary>
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

    /// <summary>The address other silos reach this one at (Redis profile).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// This silo's stable name (Redis profile). It names the silo's MQTT ingest session
    /// (<c>{Mqtt:ClientId}</c> defaults to <c>cc-ingest-{SiloName}</c>), so a restarted silo resumes
    /// its session and a survivor can take over a dead silo's session by name.
    /// </summary>
    public string SiloName { get; set; } = $"{Environment.MachineName}-11111";

    /// <summary>How long a silent silo may go unanswered before the others declare it dead.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 10)]
    public int MissedProbesLimit { get; set; } = 3;
}
