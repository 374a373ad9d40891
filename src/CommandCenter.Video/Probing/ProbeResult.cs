namespace CommandCenter.Video.Probing;

/// <summary>What one probe saw. <see cref="Error"/> is ffmpeg's own last words when the stream could not be read.</summary>
public sealed record ProbeResult(
    bool Reachable,
    int Frames,
    double MediaSeconds,
    double WallSeconds,
    bool Frozen,
    double? Fps,
    string? Error)
{
    /// <summary>Connected, but the stream delivered much less than real time (or nothing).</summary>
    public bool Stalled => Reachable && (Frames == 0 || MediaSeconds < WallSeconds * 0.5);
}
