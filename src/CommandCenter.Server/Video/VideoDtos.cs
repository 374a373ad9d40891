using CommandCenter.Abstractions.Video;

namespace CommandCenter.Server.Video;

/// <summary>A camera's health as the API gives it; null health fields mean "not probed yet".</summary>
public sealed record CameraDto(
    string CameraId, string SiteId, string DeviceId, string? Room, string Source,
    bool? Online, bool? Stalled, bool? Frozen, double? Fps, bool? LowFps, bool Recording, bool RecordingMarked,
    DateTimeOffset? CheckedAt, string? Problem, RecordingFailure? LastRecordingFailure)
{
    public static CameraDto From(CameraView v) => new(v.CameraId, v.SiteId, v.DeviceId, v.Room, v.Source,
        v.Health?.Online, v.Health?.Stalled, v.Health?.Frozen, v.Health?.Fps, v.Health?.LowFps, v.Recording, v.RecordingMarked,
        v.Health?.CheckedAt, CameraProber.IsSimulated(v.StreamUrl) ? "simulated camera: no stream to probe" : v.Health?.Problem,
        v.LastRecordingFailure);
}

public sealed record TileRequest(string? CameraId);

public sealed record TourRequest(IReadOnlyList<string>? Cameras, int? DwellSeconds);

public sealed record PinRequest(string? CameraId, string? Reason);

public sealed record RecordingRequest(bool? Record);

public sealed record ReviewRequest(string? CameraId, DateTimeOffset? Moment, string? Note);

public sealed record LiveFeedDto(string CameraId, int Pid, int Viewers, long Fragments, DateTimeOffset StartedAt);

public sealed record SegmentDto(DateTimeOffset Start, long Bytes);
