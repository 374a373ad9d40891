using CommandCenter.Abstractions.Video;
using CommandCenter.Video;
using CommandCenter.Video.Probing;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Video;

/// <summary>
/// Probes every registered camera's stream on a schedule, at most <c>ProbeConcurrency</c> ffmpeg at a
/// time, and stores the verdict in the camera's grain, which passes it to the site's alarm rules (offline,
/// frozen, low frame rate raise alarms there and clear when the cause goes). A turn to offline or frozen
/// also turns the room's camera <c>fault</c> on the map; the next good probe turns it back.
/// </summary>
public sealed class CameraProber(
    CameraRegistry registry,
    IGrainFactory grains,
    StreamProbe probe,
    CenterCameraEvents events,
    VideoAlarms alarms,
    IOptions<VideoOptions> options,
    TimeProvider time,
    ILogger<CameraProber> logger) : BackgroundService
{
    /// <summary>The simulator's cameras carry URLs on this host: registered, never probed (there is no stream).</summary>
    public const string SimulatedHost = "sim.local";

    private readonly VideoOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var gate = new SemaphoreSlim(_options.ProbeConcurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                var cameras = await registry.All();
                await Task.WhenAll(cameras.Select(async id =>
                {
                    await gate.WaitAsync(stoppingToken);
                    try
                    {
                        await ProbeOne(id, stoppingToken);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Camera probe round failed");
            }

            var wait = _options.ProbeInterval - (time.GetUtcNow() - started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Probes one camera now and stores the verdict (also used when a live view finds the stream gone).</summary>
    public async Task ProbeOne(string cameraId, CancellationToken cancellationToken)
    {
        var camera = grains.GetGrain<ICameraGrain>(cameraId);
        if (await camera.GetView() is not { } view || IsSimulated(view.StreamUrl))
        {
            return;
        }

        var result = await probe.Probe(view.StreamUrl, cancellationToken);
        // A probe cut short by shutdown saw nothing: that is no verdict on the camera.
        cancellationToken.ThrowIfCancellationRequested();
        var lowFps = result.Fps is { } fps && fps < _options.LowFps;
        var problem = !result.Reachable ? "offline: " + result.Error
            : result.Stalled ? $"stalled: {result.Frames} frames, {result.Speed?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}× real time"
            : result.Frozen ? $"frozen: picture unchanged for {_options.FrozenAfter.TotalSeconds:0} s or more"
            : lowFps ? $"low frame rate: {result.Fps} fps"
            : null;
        var health = new CameraHealth(result.Reachable, result.Stalled, result.Frozen, result.Fps, lowFps, time.GetUtcNow(), problem);
        await Report(view, health);
    }

    /// <summary>Stores a verdict; a turn for the worse goes to the map and the alarms.</summary>
    public async Task Report(CameraView view, CameraHealth health)
    {
        var previous = await grains.GetGrain<ICameraGrain>(view.CameraId).ReportHealth(health);
        var turnedOffline = !health.Online && (previous is null || previous.Online);
        var turnedFrozen = health.Online && health.Frozen && (previous is null || !previous.Frozen);
        if (turnedOffline || turnedFrozen)
        {
            var type = turnedOffline ? "offline" : "frozen";
            alarms.Raise(view.CameraId, "camera_" + type, health.Problem ?? type);
            events.Fault(view.SiteId, view.DeviceId, view.Room, type);
        }
        else if (previous is not null && (!previous.Online || previous.Frozen) && health.Online && !health.Frozen)
        {
            events.Restore(view.SiteId, view.DeviceId, view.Room);
        }

        if (health.Online && !health.Frozen && ((health.Stalled && previous?.Stalled != true) || (health.LowFps && previous?.LowFps != true)))
        {
            alarms.Raise(view.CameraId, health.Stalled ? "camera_stalled" : "camera_low_fps", health.Problem ?? "");
        }
    }

    public static bool IsSimulated(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.Equals(uri.Host, SimulatedHost, StringComparison.OrdinalIgnoreCase);
}
