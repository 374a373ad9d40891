namespace CommandCenter.Abstractions.Video;

/// <summary>A screen of the video wall (key: its monitor id). Shows at most 9 feeds, fewer when configured.</summary>
public interface IVideoMonitorGrain : IGrainWithStringKey
{
    /// <summary>Puts a camera on tile <paramref name="tile"/> (1-based); refused beyond the limit or over a pinned tile.</summary>
    Task<TileResult> Assign(int tile, string cameraId, string assignedBy);

    /// <summary>Empties a tile; returns who had assigned it (null when it was empty).</summary>
    Task<TileResult> Clear(int tile);

    /// <summary>Rotates the free tiles through <paramref name="cameras"/> in pages, each shown for <paramref name="dwell"/>.</summary>
    Task<TourView> SetTour(IReadOnlyList<string> cameras, TimeSpan dwell);

    Task StopTour();

    /// <summary>An alarm puts its camera on this monitor: a free tile, else the last tile that is not pinned.</summary>
    Task<TileResult> Pin(string cameraId, string reason);

    Task<bool> Unpin(string cameraId);

    Task<MonitorView> GetView();
}

/// <summary>A video monitor (视频监考员), key the lower-case user name: at most 9 monitoring points (cameras) at once.</summary>
public interface IVideoWatcherGrain : IGrainWithStringKey
{
    /// <summary>Takes a camera for a tile; refused when it would be one camera more than the limit.</summary>
    Task<WatchResult> Take(string monitorId, int tile, string cameraId);

    Task Drop(string monitorId, int tile);

    Task<IReadOnlyList<string>> Points();
}

/// <summary>One camera of the province, key <c>{siteId}.{deviceId}</c>: where its stream is and how healthy it is.</summary>
public interface ICameraGrain : IGrainWithStringKey
{
    /// <summary>Registers or updates the camera; true when something changed.</summary>
    Task<bool> Register(CameraRegistration registration);

    Task<CameraView?> GetView();

    /// <summary>Stores a probe's verdict; returns the previous health (null on the first).</summary>
    Task<CameraHealth?> ReportHealth(CameraHealth health);

    Task MarkForRecording(bool record);

    Task ReportRecording(bool recording, RecordingFailure? failure);
}

/// <summary>Every camera id known (key <c>all</c>), for the prober and the recorder.</summary>
public interface ICameraDirectoryGrain : IGrainWithStringKey
{
    Task Add(string cameraId);

    Task<IReadOnlyList<string>> List();
}

/// <summary>Review marks of recorded video for one exam day (key <c>yyyy-MM-dd</c>), kept with the exam's records.</summary>
public interface IReviewLogGrain : IGrainWithStringKey
{
    Task<ReviewMark> Add(ReviewMark mark);

    Task<IReadOnlyList<ReviewMark>> List(string? cameraId);
}
