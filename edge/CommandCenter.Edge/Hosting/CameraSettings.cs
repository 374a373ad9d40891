namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge:Cameras": probing the declared cameras' streams with ffprobe.</summary>
public sealed class CameraSettings
{
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Folder with ffprobe (Debian: /usr/bin).</summary>
    public string FfmpegFolder { get; set; } = "/usr/bin";
}
