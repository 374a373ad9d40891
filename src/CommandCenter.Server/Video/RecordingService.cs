using CommandCenter.Abstractions.Video;
using CommandCenter.Video;
using CommandCenter.Video.Recording;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Video;

/// <summary>
/// Keeps a recorder running for every camera marked for recording, tells each camera's grain whether
/// it records, raises an alarm when a recorder stops on its own, and applies retention.
/// </summary>
public sealed class RecordingService(
    CameraRegistry registry,
    IGrainFactory grains,
    Recorders recorders,
    VideoAlarms alarms,
    CenterCameraEvents events,
    IOptions<VideoOptions> options,
    TimeProvider time,
    ILogger<RecordingService> logger) : BackgroundService
{
    private readonly VideoOptions _options = options.Value;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sweeping = new(1, 1);

    /// <summary>Runs one reconcile and retention pass now (the loop runs it every sweep interval).</summary>
    public async Task Sweep()
    {
        await _sweeping.WaitAsync();
        try
        {
            await SweepOnce();
        }
        finally
        {
            _sweeping.Release();
        }
    }

    private async Task SweepOnce()
    {
        var wanted = new List<RecordingTarget>();
        foreach (var id in await registry.All())
        {
            if (await grains.GetGrain<ICameraGrain>(id).GetView() is { RecordingMarked: true } view && !CameraProber.IsSimulated(view.StreamUrl))
            {
                wanted.Add(new RecordingTarget(id, view.StreamUrl));
            }
        }

        await recorders.Reconcile(wanted);
        var recording = recorders.Recording.ToHashSet(StringComparer.Ordinal);
        List<string> changed;
        lock (_reported)
        {
            changed = _reported.Union(recording).Where(id => recording.Contains(id) != _reported.Contains(id)).ToList();
        }

        foreach (var id in changed)
        {
            var now = recording.Contains(id);
            await grains.GetGrain<ICameraGrain>(id).ReportRecording(now, null);
            bool restored;
            lock (_reported)
            {
                _ = now ? _reported.Add(id) : _reported.Remove(id);
                restored = now && _failed.Remove(id);
            }

            if (restored && CameraIds.TryParse(id, out var siteId, out var deviceId))
            {
                var room = (await grains.GetGrain<ICameraGrain>(id).GetView())?.Room;
                events.Restore(siteId, deviceId, room);
            }
        }

        var result = RetentionSweep.Run(recorders.Store, time.GetUtcNow(), _options.RetentionAge, _options.RetentionBudgetBytes);
        if (result.Deleted > 0)
        {
            logger.LogInformation("Retention deleted {Count} segments ({Bytes} bytes), {Remaining} bytes kept",
                result.Deleted, result.FreedBytes, result.RemainingBytes);
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        recorders.Stopped += OnStopped;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        recorders.Stopped -= OnStopped;
        await base.StopAsync(cancellationToken);
        await recorders.DisposeAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Sweep();
                await Task.Delay(_options.RecordingSweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Recording sweep failed");
                await Task.Delay(_options.RecordingSweepInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void OnStopped(RecordingStopped stopped)
    {
        alarms.Raise(stopped.CameraId, "recording_stopped", stopped.Reason);
        lock (_reported)
        {
            _reported.Remove(stopped.CameraId);
            _failed.Add(stopped.CameraId);
        }

        _ = Report(stopped);
    }

    // The grain passes the stop to the site's alarm rules; the room's camera turns fault on the map until a recorder runs again.
    private async Task Report(RecordingStopped stopped)
    {
        try
        {
            var camera = grains.GetGrain<ICameraGrain>(stopped.CameraId);
            await camera.ReportRecording(false, new RecordingFailure(stopped.At, stopped.Reason));
            if (CameraIds.TryParse(stopped.CameraId, out var siteId, out var deviceId))
            {
                events.Fault(siteId, deviceId, (await camera.GetView())?.Room, "recording_stopped");
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not report the stopped recording of {Camera}", stopped.CameraId);
        }
    }
}
