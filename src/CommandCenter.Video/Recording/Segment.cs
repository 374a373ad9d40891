using System.Globalization;

namespace CommandCenter.Video.Recording;

/// <summary>One recorded file: <c>{root}/{cameraId}/{yyyyMMddTHHmmssZ}.ts</c>, named by the UTC time it starts.</summary>
public sealed record Segment(string CameraId, string Path, DateTimeOffset Start, long Bytes)
{
    public const string NameFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The same pattern for ffmpeg's strftime (run with TZ=UTC).</summary>
    public const string FfmpegPattern = "%Y%m%dT%H%M%SZ.ts";

    public static string FileName(DateTimeOffset start) =>
        start.UtcDateTime.ToString(NameFormat, CultureInfo.InvariantCulture) + ".ts";

    public static DateTimeOffset? StartOf(string path) =>
        DateTimeOffset.TryParseExact(System.IO.Path.GetFileNameWithoutExtension(path), NameFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            ? start
            : null;
}
