using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Video.Probing;

/// <summary>
/// Decodes a few seconds of a stream with ffmpeg (through FFMpegCore) and reads what it reports:
/// whether it opened, how many frames came, and whether freezedetect saw an unchanged picture.
/// </summary>
public sealed partial class StreamProbe(IOptions<VideoOptions> options)
{
    private readonly VideoOptions _options = options.Value;

    public async Task<ProbeResult> Probe(string url, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var timeoutUs = ((long)_options.ProbeTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        var frozenSeconds = _options.FrozenAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var arguments = FFMpegArguments
            .FromUrlInput(new Uri(url), o => o.WithCustomArgument($"-rw_timeout {timeoutUs}"))
            .OutputToFile("-", overwrite: false, o => o
                .WithDuration(_options.ProbeWindow)
                .WithCustomArgument($"-an -vf freezedetect=n=-50dB:d={frozenSeconds},metadata=mode=print -f null"));
        var processor = arguments
            .NotifyOnStandardError(line =>
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            })
            .CancellableThrough(cancellationToken);

        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.ProbeWindow + _options.ProbeTimeout + _options.ProbeTimeout);
        try
        {
            await processor
                .CancellableThrough(deadline.Token)
                .ProcessAsynchronously(throwOnError: false, new FFOptions { BinaryFolder = _options.FfmpegFolder });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The deadline: what was read so far decides.
        }

        var wall = clock.Elapsed.TotalSeconds;
        string[] seen;
        lock (lines)
        {
            seen = [.. lines];
        }

        return Read(seen, wall);
    }

    internal static ProbeResult Read(IReadOnlyList<string> stderr, double wallSeconds)
    {
        var frames = 0;
        var media = 0.0;
        double? speed = null;
        foreach (var line in stderr)
        {
            if (FrameCount().Match(line) is { Success: true } f)
            {
                frames = int.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            if (Speed().Match(line) is { Success: true } s)
            {
                speed = double.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            if (MediaTime().Match(line) is { Success: true } t)
            {
                media = TimeSpan.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture).TotalSeconds;
            }
        }

        // freezedetect prints freeze_start when the picture stops changing and freeze_end when it moves again.
        var lastStart = LastIndex(stderr, "lavfi.freezedetect.freeze_start");
        var lastEnd = LastIndex(stderr, "lavfi.freezedetect.freeze_end");
        var frozen = lastStart >= 0 && lastStart > lastEnd;
        // "Input #0" is printed once the stream opened and its format was recognised.
        var reachable = frames > 0 || stderr.Any(l => l.StartsWith("Input #0", StringComparison.Ordinal));
        var error = reachable ? null : stderr.LastOrDefault(l => l.Length > 0 && !l.StartsWith("frame=", StringComparison.Ordinal)) ?? "no answer";
        double? fps = reachable && media > 0.5 ? Math.Round(frames / media, 1) : null;
        return new ProbeResult(reachable, frames, media, wallSeconds, frozen, fps, error, speed);
    }

    private static int LastIndex(IReadOnlyList<string> lines, string marker)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].Contains(marker, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"frame=\s*(\d+)")]
    private static partial Regex FrameCount();

    [GeneratedRegex(@"speed=\s*(\d+(?:\.\d+)?)x")]
    private static partial Regex Speed();

    [GeneratedRegex(@"time=\s*(\d+:\d\d:\d\d(?:\.\d+)?)")]
    private static partial Regex MediaTime();
}
