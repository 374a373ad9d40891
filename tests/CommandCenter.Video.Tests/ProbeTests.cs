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
        Assert.InRange(result.Fps ?? 0, 15, 30);
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

public sealed class ProbeReadingTests
{
    [Fact]
    public void a_stream_arriving_at_a_third_of_real_time_is_stalled_and_one_at_real_time_is_not()
    {
        string[] slow = ["Input #0, mpegts, from 'http://x/stream.ts':", "frame=   20 fps=3.0 q=-0.0 size=N/A time=00:00:00.80 bitrate=N/A speed=0.33x"];
        string[] fine = ["Input #0, mpegts, from 'http://x/stream.ts':", "frame=  100 fps= 25 q=-0.0 Lsize=N/A time=00:00:04.00 bitrate=N/A speed=1.01x"];

        Assert.True(StreamProbe.Read(slow, 9).Stalled);
        Assert.False(StreamProbe.Read(fine, 9).Stalled);
        Assert.Equal(25, StreamProbe.Read(fine, 9).Fps);
    }

    [Fact]
    public void a_picture_frozen_at_the_end_is_frozen_and_one_that_moved_again_is_not()
    {
        string[] stillFrozen = ["Input #0, mpegts", "lavfi.freezedetect.freeze_start=1.2", "frame=  100 time=00:00:04.00 speed=1x"];
        string[] movedAgain = ["Input #0, mpegts", "lavfi.freezedetect.freeze_start=1.2", "lavfi.freezedetect.freeze_end=3.1", "frame=  100 time=00:00:04.00 speed=1x"];

        Assert.True(StreamProbe.Read(stillFrozen, 5).Frozen);
        Assert.False(StreamProbe.Read(movedAgain, 5).Frozen);
    }
}
