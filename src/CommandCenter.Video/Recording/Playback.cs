using System.Globalization;
using CommandCenter.Video.Processes;
using Microsoft.Extensions.Options;

namespace CommandCenter.Video.Recording;

/// <summary>A recorded time range as one fragmented MP4, which a browser's video element plays as it downloads.</summary>
public sealed class Playback(IOptions<VideoOptions> options, FfmpegProcessTable table, TimeProvider time)
{
    private readonly VideoOptions _options = options.Value;

    /// <summary>Null when nothing was recorded in the range; otherwise an ffmpeg writing MP4 to its output.</summary>
    public async Task<FfmpegProcess?> Open(SegmentStore store, string cameraId, DateTimeOffset from, DateTimeOffset to)
    {
        var segments = store.Between(cameraId, from, to, _options.SegmentLength);
        if (segments.Count == 0)
        {
            return null;
        }

        var list = Path.Combine(Path.GetTempPath(), $"cc-playback-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(list, segments.Select(s => $"file '{s.Path.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        var offset = Math.Max(0, (from - segments[0].Start).TotalSeconds);
        var length = (to - from).TotalSeconds;
        var process = FfmpegProcess.Start(_options.Ffmpeg,
        [
            "-hide_banner", "-loglevel", "error", "-nostats",
            "-f", "concat", "-safe", "0", "-i", list,
            "-ss", offset.ToString("0.###", CultureInfo.InvariantCulture), "-t", length.ToString("0.###", CultureInfo.InvariantCulture),
            "-an", "-c", "copy",
            "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe",
            "pipe:1",
        ], table, "playback", cameraId, time);
        _ = process.Exited.ContinueWith(_ => File.Delete(list), TaskScheduler.Default);
        return process;
    }
}
