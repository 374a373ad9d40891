using CommandCenter.Video;
using CommandCenter.Video.Probing;
using CommandCenter.Video.Processes;
using CommandCenter.Video.TestCameras;
using Microsoft.Extensions.Options;

namespace CommandCenter.Video.Tests;

public sealed class ProbeTests
{
    private static readonly VideoOptions Options = new() { ProbeWindow = TimeSpan.FromSeconds(4), ProbeTimeout = TimeSpan.FromSeconds(3), FrozenAfter = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task moving_test_camera_is_online_not_frozen_with_its_frame_rate()
    {
        var table = new FfmpegProcessTable();
        await using var camera = TestCamera.Start(Options.Ffmpeg, table, TimeProvider.System, "moving");
        var result = await new StreamProbe(Microsoft.Extensions.Options.Options.Create(Options)).Probe(camera.Url.ToString(), CancellationToken.None);

        Assert.True(result.Reachable, result.Error);
        Assert.False(result.Frozen);
        Assert.False(result.Stalled, $"{result}");
        Assert.InRange(result.Fps ?? 0, 20, 30);
    }

    [Fact]
    public async Task frozen_test_camera_is_detected_frozen()
    {
        var table = new FfmpegProcessTable();
        await using var camera = TestCamera.Start(Options.Ffmpeg, table, TimeProvider.System, "still", frozen: true);
        var result = await new StreamProbe(Microsoft.Extensions.Options.Options.Create(Options)).Probe(camera.Url.ToString(), CancellationToken.None);

        Assert.True(result.Reachable, result.Error);
        Assert.True(result.Frozen, $"{result}");
    }

    [Fact]
    public async Task killed_camera_is_unreachable_with_ffmpegs_reason()
    {
        var table = new FfmpegProcessTable();
        var camera = TestCamera.Start(Options.Ffmpeg, table, TimeProvider.System, "killed");
        var url = camera.Url.ToString();
        await camera.DisposeAsync();
        var result = await new StreamProbe(Microsoft.Extensions.Options.Options.Create(Options)).Probe(url, CancellationToken.None);

        Assert.False(result.Reachable);
        Assert.Contains("refused", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, table.Count);
    }
}
