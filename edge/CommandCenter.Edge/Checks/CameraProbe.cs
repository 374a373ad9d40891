namespace CommandCenter.Edge.Checks;

/// <summary>The last probe of a camera stream.</summary>
public sealed record CameraProbe(string DeviceId, string StreamUrl, DateTimeOffset At, bool Online, double? Fps, string? Codec, string? Error);
