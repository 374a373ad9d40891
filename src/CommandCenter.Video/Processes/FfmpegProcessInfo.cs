namespace CommandCenter.Video.Processes;

/// <summary>One running ffmpeg as operators see it.</summary>
public sealed record FfmpegProcessInfo(int Pid, string Purpose, string? CameraId, DateTimeOffset StartedAt, string? Detail);
