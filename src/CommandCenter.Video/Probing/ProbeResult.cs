namespace CommandCenter.Video.Probing;

/// <summary>What one probe saw. <see cref="Error"/> is ffmpeg's own last words when the stream could not be read.</summary>
public sealed record ProbeResult(
    bool Reachable,
    int Frames,
    double MediaSeconds,
    double WallSeconds,
    bool Frozen,
    double? Fps,
    string? Error,
    double? Speed = null)
{
    /// <summary>
    /// Connected, but nothing came, or the stream came at less than half of real time once it was
    /// open (ffmpeg's own speed, which leaves out starting the process and opening the stream).
    /// </summary>
    public bool Stalled => Reachable && (Frames == 0 || Speed is < 0.5);
}
