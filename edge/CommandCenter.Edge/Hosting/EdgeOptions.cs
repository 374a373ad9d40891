namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge": everything one site's agent is configured with. Checked by <see cref="EdgeOptionsValidator"/>.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>8 digits: county code (GB/T 2260) and site number.</summary>
    public string SiteId { get; set; } = "";

    /// <summary>Where the durable queue lives; relative paths are taken from the working directory.</summary>
    public string QueueDirectory { get; set; } = "queue";

    public MqttSettings Mqtt { get; set; } = new();

    public HttpSettings Http { get; set; } = new();

    public QueueSettings Queue { get; set; } = new();

    public BatchingSettings Batching { get; set; } = new();

    public SimulatedSettings Simulated { get; set; } = new();

    public LineSettings Line { get; set; } = new();

    public ClockSettings Clock { get; set; } = new();

    public CameraSettings Cameras { get; set; } = new();

    /// <summary>The site's declared devices (announced in presence before they first report).</summary>
    public List<DeviceSettings> Devices { get; set; } = [];

    /// <summary>Devices not declared are accepted on their first valid message, up to this many in all.</summary>
    public int MaxDevices { get; set; } = 2000;
}
