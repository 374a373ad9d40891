namespace CommandCenter.Video.Recording;

/// <summary>A camera that is to be recorded, and from where.</summary>
public sealed record RecordingTarget(string CameraId, string StreamUrl);

/// <summary>A recorder that stopped without being asked to; raised once per stop.</summary>
public sealed record RecordingStopped(string CameraId, DateTimeOffset At, string Reason);
