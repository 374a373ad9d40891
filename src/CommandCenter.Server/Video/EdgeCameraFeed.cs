using System.Collections.Concurrent;
using System.Threading.Channels;
using CommandCenter.Abstractions.Video;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Server.Video;

/// <summary>
/// Learns cameras from the edge: every accepted <c>camera</c> status with a <c>streamUrl</c>. Only a
/// new camera or a changed URL or room reaches the registry, through a bounded queue, so the ingest
/// path pays one dictionary look-up per camera status.
/// </summary>
public sealed class EdgeCameraFeed(ICameraRegistry registry, ILogger<EdgeCameraFeed> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, (string Url, string? Room)> _known = new(StringComparer.Ordinal);
    private readonly Channel<CameraRegistration> _pending = Channel.CreateBounded<CameraRegistration>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Observe(string siteId, DeviceReading reading)
    {
        if (reading.Kind != DeviceKind.Camera || reading.Status is not CameraStatus { StreamUrl: { } url })
        {
            return;
        }

        var id = CameraIds.Of(siteId, reading.DeviceId);
        if (_known.TryGetValue(id, out var seen) && seen.Url == url && seen.Room == reading.Room)
        {
            return;
        }

        if (_pending.Writer.TryWrite(new CameraRegistration(id, reading.Room, url, "edge", null)))
        {
            _known[id] = (url, reading.Room);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var registration in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await registry.Register(registration);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _known.TryRemove(registration.CameraId, out _);
                    logger.LogWarning(ex, "Could not register camera {Camera}", registration.CameraId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
