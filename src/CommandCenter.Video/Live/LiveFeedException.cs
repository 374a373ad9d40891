namespace CommandCenter.Video.Live;

/// <summary>A live feed could not be given: the stream is unreachable, died, or the server runs its maximum of feeds.</summary>
public sealed class LiveFeedException(string message, bool capacity = false) : Exception(message)
{
    /// <summary>True when refused for want of a free feed slot (not the camera's fault).</summary>
    public bool Capacity { get; } = capacity;
}
