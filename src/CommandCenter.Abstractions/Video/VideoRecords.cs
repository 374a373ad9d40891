namespace CommandCenter.Abstractions.Video;

/// <summary>The outcome of a tile change. <see cref="Refusal"/> says why it was refused (null when done).</summary>
[GenerateSerializer, Immutable]
public sealed record TileResult(
    [property: Id(0)] bool Done,
    [property: Id(1)] string? Refusal,
    [property: Id(2)] int Tile,
    [property: Id(3)] string? PreviousCamera,
    [property: Id(4)] string? PreviousAssignedBy)
{
    public static TileResult Refused(int tile, string why) => new(false, why, tile, null, null);
}

[GenerateSerializer, Immutable]
public sealed record WatchResult([property: Id(0)] bool Done, [property: Id(1)] string? Refusal, [property: Id(2)] int Points);

/// <summary>What a tile shows: <c>assigned</c> by a person, <c>pinned</c> by an alarm, or <c>tour</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record TileView(
    [property: Id(0)] int Tile,
    [property: Id(1)] string CameraId,
    [property: Id(2)] string Source,
    [property: Id(3)] string? By);

[GenerateSerializer, Immutable]
public sealed record TourView(
    [property: Id(0)] IReadOnlyList<string> Cameras,
    [property: Id(1)] TimeSpan Dwell,
    [property: Id(2)] int Page,
    [property: Id(3)] int Pages,
    [property: Id(4)] DateTimeOffset NextPageAt);

[GenerateSerializer, Immutable]
public sealed record MonitorView(
    [property: Id(0)] string MonitorId,
    [property: Id(1)] int MaxFeeds,
    [property: Id(2)] IReadOnlyList<TileView> Tiles,
    [property: Id(3)] TourView? Tour);

/// <summary>A camera as the registry learns it: from the exam plan or from the edge's <c>camera</c> status.</summary>
[GenerateSerializer, Immutable]
public sealed record CameraRegistration(
    [property: Id(0)] string CameraId,
    [property: Id(1)] string? Room,
    [property: Id(2)] string StreamUrl,
    [property: Id(3)] string Source,
    [property: Id(4)] bool? RecordingMarked);

/// <summary>What the center's own probe found. Offline: no answer; stalled: connected but too few frames.</summary>
[GenerateSerializer, Immutable]
public sealed record CameraHealth(
    [property: Id(0)] bool Online,
    [property: Id(1)] bool Stalled,
    [property: Id(2)] bool Frozen,
    [property: Id(3)] double? Fps,
    [property: Id(4)] bool LowFps,
    [property: Id(5)] DateTimeOffset CheckedAt,
    [property: Id(6)] string? Problem)
{
    public bool Ok => Online && !Stalled && !Frozen && !LowFps;
}

/// <summary>A recorder that stopped without being asked to.</summary>
[GenerateSerializer, Immutable]
public sealed record RecordingFailure([property: Id(0)] DateTimeOffset At, [property: Id(1)] string Reason);

[GenerateSerializer, Immutable]
public sealed record CameraView(
    [property: Id(0)] string CameraId,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string DeviceId,
    [property: Id(3)] string? Room,
    [property: Id(4)] string StreamUrl,
    [property: Id(5)] string Source,
    [property: Id(6)] bool RecordingMarked,
    [property: Id(7)] bool Recording,
    [property: Id(8)] CameraHealth? Health,
    [property: Id(9)] RecordingFailure? LastRecordingFailure,
    [property: Id(10)] DateTimeOffset RegisteredAt);

/// <summary>A reviewer's mark on recorded video: a moment of a camera and what was seen.</summary>
[GenerateSerializer, Immutable]
public sealed record ReviewMark(
    [property: Id(0)] string CameraId,
    [property: Id(1)] DateTimeOffset Moment,
    [property: Id(2)] string Note,
    [property: Id(3)] string Reviewer,
    [property: Id(4)] DateTimeOffset MarkedAt,
    [property: Id(5)] long Sequence);

/// <summary>Camera ids: <c>{siteId}.{deviceId}</c>.</summary>
public static class CameraIds
{
    public static string Of(string siteId, string deviceId) => $"{siteId}.{deviceId}";

    public static bool TryParse(string? cameraId, out string siteId, out string deviceId)
    {
        siteId = deviceId = "";
        if (cameraId is null || cameraId.Length < 10 || cameraId[8] != '.'
            || !Contracts.Protocol.Identifiers.IsSiteId(cameraId.AsSpan(0, 8))
            || !Contracts.Protocol.Identifiers.IsDeviceId(cameraId.AsSpan(9)))
        {
            return false;
        }

        siteId = cameraId[..8];
        deviceId = cameraId[9..];
        return true;
    }
}

/// <summary>
/// What the center's own watch of a camera says now (its probe and its recorder), sent to the camera's site
/// so the alarm rules raise and clear video alarms. All false: nothing wrong.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CameraConditions(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string? Room,
    [property: Id(2)] bool Offline,
    [property: Id(3)] bool Frozen,
    [property: Id(4)] bool LowFps,
    [property: Id(5)] bool RecordingStopped,
    [property: Id(6)] string? Problem)
{
    public bool Any => Offline || Frozen || LowFps || RecordingStopped;
}
