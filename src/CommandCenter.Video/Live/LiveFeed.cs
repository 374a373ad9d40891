using System.Globalization;
using CommandCenter.Video.Processes;

namespace CommandCenter.Video.Live;

/// <summary>
/// One camera's live sub-stream: one ffmpeg transcoding to fragmented MP4 (a keyframe starts every
/// fragment, so a viewer can join at any fragment), shared by every viewer of that camera.
/// </summary>
public sealed class LiveFeed
{
    private readonly Lock _gate = new();
    private readonly List<LiveViewer> _viewers = [];
    private readonly TaskCompletionSource<byte[]> _init = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FfmpegProcess _process;
    private readonly Action<LiveFeed> _onIdle;
    private readonly Action<LiveFeed> _onEnded;
    private string _codec = "";
    private long _fragments;

    internal LiveFeed(string cameraId, string url, VideoOptions options, FfmpegProcessTable table, TimeProvider time,
        Action<LiveFeed> onIdle, Action<LiveFeed> onEnded)
    {
        CameraId = cameraId;
        _onIdle = onIdle;
        _onEnded = onEnded;
        _process = FfmpegProcess.Start(options.Ffmpeg, Arguments(url, options), table, "live", cameraId, time);
        StartedAt = time.GetUtcNow();
        _ = Task.Run(Pump);
    }

    public string CameraId { get; }

    public DateTimeOffset StartedAt { get; }

    public int Pid => _process.Info.Pid;

    public int ViewerCount
    {
        get
        {
            lock (_gate)
            {
                return _viewers.Count;
            }
        }
    }

    public long FragmentsSent => Interlocked.Read(ref _fragments);

    /// <summary>Set once the feed has ended: the source died, or it was stopped.</summary>
    public string? EndReason { get; private set; }

    /// <summary>A viewer once the first picture is there; throws <see cref="LiveFeedException"/> when the stream cannot be opened.</summary>
    public async Task<LiveViewer> Join(TimeSpan timeout, CancellationToken cancellationToken)
    {
        byte[] init;
        try
        {
            init = await _init.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new LiveFeedException($"camera {CameraId}: no picture within {timeout.TotalSeconds:0} s");
        }

        lock (_gate)
        {
            var viewer = new LiveViewer(this, init, _codec);
            if (EndReason is { } reason)
            {
                throw new LiveFeedException(reason);
            }

            _viewers.Add(viewer);
            return viewer;
        }
    }

    internal void Leave(LiveViewer viewer)
    {
        bool idle;
        lock (_gate)
        {
            idle = _viewers.Remove(viewer) && _viewers.Count == 0;
        }

        if (idle)
        {
            _onIdle(this);
        }
    }

    internal async Task Stop()
    {
        EndWith("stopped: nobody watches");
        await _process.DisposeAsync();
    }

    private async Task Pump()
    {
        var header = new List<byte[]>();
        byte[]? moof = null;
        try
        {
            while (await Mp4Boxes.Next(_process.Output, CancellationToken.None) is { } box)
            {
                switch (box.Type)
                {
                    case "ftyp":
                        header.Add(box.Bytes);
                        break;
                    case "moov":
                        header.Add(box.Bytes);
                        var init = header.SelectMany(b => b).ToArray();
                        _codec = Mp4Boxes.CodecOf(init);
                        _init.TrySetResult(init);
                        break;
                    case "moof":
                        moof = box.Bytes;
                        break;
                    case "mdat" when moof is not null:
                        Broadcast([.. moof, .. box.Bytes]);
                        moof = null;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException)
        {
            // Fall through: the feed ends with ffmpeg's own reason.
        }

        var code = await _process.Exited;
        var why = _process.StopRequested
            ? "stopped: nobody watches"
            : $"stream lost (ffmpeg exit {code.ToString(CultureInfo.InvariantCulture)}): {_process.LastError}";
        EndWith(why);
        _init.TrySetException(new LiveFeedException($"camera {CameraId}: {why}"));
        _onEnded(this);
    }

    private void Broadcast(byte[] fragment)
    {
        Interlocked.Increment(ref _fragments);
        LiveViewer[] viewers;
        lock (_gate)
        {
            viewers = [.. _viewers];
        }

        foreach (var viewer in viewers)
        {
            viewer.Offer(fragment);
        }
    }

    private void EndWith(string reason)
    {
        LiveViewer[] viewers;
        lock (_gate)
        {
            EndReason ??= reason;
            viewers = [.. _viewers];
        }

        foreach (var viewer in viewers)
        {
            viewer.End(reason);
        }
    }

    // A small H.264 sub-stream: low-latency x264, a keyframe every half second so every fragment is a join point.
    private static IEnumerable<string> Arguments(string url, VideoOptions options)
    {
        var gop = Math.Max(1, options.LiveFps / 2).ToString(CultureInfo.InvariantCulture);
        return
        [
            "-hide_banner", "-loglevel", "error", "-nostats",
            "-fflags", "nobuffer", "-flags", "low_delay",
            "-probesize", "500000", "-analyzeduration", "500000",
            "-rw_timeout", ((long)options.LiveStartTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture),
            "-i", url,
            "-an", "-vf", $"fps={options.LiveFps},scale=-2:{options.LiveHeight}",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-profile:v", "baseline", "-pix_fmt", "yuv420p",
            "-g", gop, "-keyint_min", gop, "-sc_threshold", "0", "-threads", "1",
            "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe",
            "pipe:1",
        ];
    }
}
