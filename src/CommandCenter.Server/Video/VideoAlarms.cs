using System.Collections.Concurrent;

namespace CommandCenter.Server.Video;

/// <summary>A video condition that needs a person: a camera offline or frozen, a recording that stopped.</summary>
public sealed record VideoAlarm(string CameraId, string Kind, DateTimeOffset At, string Detail);

/// <summary>
/// The video service's alarm hook. The alarm lifecycle (ack, dispatch, close) is not on main yet, so
/// until it is this keeps the recent alarms for <c>GET /api/v1/video/alarms</c> and logs them; the
/// condition itself is also kept in the camera's health. The alarm engine replaces or wraps this.
/// </summary>
public sealed class VideoAlarms(TimeProvider time, ILogger<VideoAlarms> logger)
{
    private const int Kept = 500;
    private readonly ConcurrentQueue<VideoAlarm> _recent = new();

    public IReadOnlyList<VideoAlarm> Recent => [.. _recent.Reverse()];

    public void Raise(string cameraId, string kind, string detail)
    {
        var alarm = new VideoAlarm(cameraId, kind, time.GetUtcNow(), detail);
        _recent.Enqueue(alarm);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }

        logger.LogWarning("Video alarm {Kind} on {Camera}: {Detail}", kind, cameraId, detail);
    }
}
