using CommandCenter.Abstractions.Video;
using CommandCenter.Video;
using CommandCenter.Video.Processes;
using CommandCenter.Video.TestCameras;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Video;

/// <summary>
/// With <c>Video:TestCameras=N</c>, starts N test cameras on loopback (the last one frozen when N ≥ 2) and
/// registers them as cameras <c>43010299.test-cam-1…N</c> of room 001, so the wall, the prober and
/// recording can be tried without real cameras.
/// </summary>
public sealed class TestCameraService(
    IOptions<VideoOptions> options,
    ICameraRegistry registry,
    FfmpegProcessTable table,
    TimeProvider time,
    ILogger<TestCameraService> logger) : IHostedService
{
    public const string Site = "43010299";
    private readonly List<TestCamera> _cameras = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = options.Value.TestCameras;
        for (var i = 1; i <= count; i++)
        {
            var frozen = count >= 2 && i == count;
            var camera = TestCamera.Start(options.Value.Ffmpeg, table, time, $"test-cam-{i}", frozen);
            _cameras.Add(camera);
            var id = CameraIds.Of(Site, $"test-cam-{i}");
            await registry.Register(new CameraRegistration(id, "001", camera.Url.ToString(), "test", null));
            logger.LogInformation("Test camera {Camera} at {Url}{Frozen}", id, camera.Url, frozen ? " (frozen)" : "");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var camera in _cameras)
        {
            await camera.DisposeAsync();
        }
    }
}
