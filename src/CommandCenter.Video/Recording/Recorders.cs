using System.Globalization;
using CommandCenter.Video.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Video.Recording;

/// <summary>
/// One ffmpeg per camera marked for recording, copying the stream into fixed-length segments.
/// <see cref="Reconcile"/> starts the missing, stops the unmarked and restarts the dead; a recorder
/// that died on its own is reported through <see cref="Stopped"/> (the alarm), never silently.
/// </summary>
public sealed class Recorders(IOptions<VideoOptions> options, FfmpegProcessTable table, TimeProvider time, ILogger<Recorders> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);
    private readonly VideoOptions _options = options.Value;
    private readonly Dictionary<string, (RecordingTarget Target, FfmpegProcess Process)> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SegmentStore Store { get; } = new(Path.GetFullPath(options.Value.RecordingRoot));

    /// <summary>Raised when a recorder exits without being asked to.</summary>
    public event Action<RecordingStopped>? Stopped;

    public IReadOnlyCollection<string> Recording
    {
        get
        {
            lock (_running)
            {
                return _running.Where(r => !r.Value.Process.HasExited).Select(r => r.Key).ToList();
            }
        }
    }

    public async Task Reconcile(IReadOnlyCollection<RecordingTarget> wanted)
    {
        await _gate.WaitAsync();
        try
        {
            var byId = wanted.Take(_options.MaxRecorders).ToDictionary(t => t.CameraId, StringComparer.Ordinal);
            List<(string Id, RecordingTarget Target, FfmpegProcess Process)> current;
            lock (_running)
            {
                current = _running.Select(r => (r.Key, r.Value.Target, r.Value.Process)).ToList();
            }

            foreach (var (id, target, process) in current)
            {
                if (!byId.TryGetValue(id, out var want) || want.StreamUrl != target.StreamUrl)
                {
                    await process.Stop(StopGrace);
                    Forget(id);
                }
                else if (process.HasExited)
                {
                    Forget(id);
                }
            }

            foreach (var target in byId.Values)
            {
                bool running;
                lock (_running)
                {
                    running = _running.ContainsKey(target.CameraId);
                }

                if (!running)
                {
                    Start(target);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<FfmpegProcess> processes;
        lock (_running)
        {
            processes = _running.Values.Select(v => v.Process).ToList();
            _running.Clear();
        }

        foreach (var process in processes)
        {
            await process.Stop(StopGrace);
        }
    }

    private void Start(RecordingTarget target)
    {
        var folder = Store.FolderOf(target.CameraId);
        Directory.CreateDirectory(folder);
        var process = FfmpegProcess.Start(_options.Ffmpeg, Arguments(target.StreamUrl, folder), table, "record", target.CameraId, time,
            environment: new Dictionary<string, string> { ["TZ"] = "UTC" });
        lock (_running)
        {
            _running[target.CameraId] = (target, process);
        }

        logger.LogInformation("Recording {Camera} into {Folder} (ffmpeg {Pid})", target.CameraId, folder, process.Info.Pid);
        _ = WatchExit(target.CameraId, process);
    }

    private async Task WatchExit(string cameraId, FfmpegProcess process)
    {
        var code = await process.Exited;
        if (process.StopRequested)
        {
            return;
        }

        var reason = $"recorder exited ({code.ToString(CultureInfo.InvariantCulture)}): {process.LastError}";
        logger.LogWarning("Recording of {Camera} stopped unexpectedly: {Reason}", cameraId, reason);
        Stopped?.Invoke(new RecordingStopped(cameraId, time.GetUtcNow(), reason));
    }

    private void Forget(string cameraId)
    {
        lock (_running)
        {
            _running.Remove(cameraId);
        }
    }

    private IEnumerable<string> Arguments(string url, string folder) =>
    [
        "-hide_banner", "-loglevel", "error", "-nostats",
        "-rw_timeout", ((long)_options.ProbeTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture),
        "-i", url,
        "-map", "0:v:0", "-c", "copy",
        "-f", "segment", "-segment_time", _options.SegmentLength.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "-segment_format", "mpegts", "-reset_timestamps", "1", "-strftime", "1",
        Path.Combine(folder, Segment.FfmpegPattern),
    ];
}
