using CommandCenter.Abstractions.Video;

namespace CommandCenter.Video.Tests;

[Collection(VideoClusterCollection.Name)]
public sealed class VideoWallGrainTests(VideoClusterFixture fixture)
{
    private static string Camera(int n) => $"43010201.cam-{n:00}";

    private IVideoMonitorGrain Monitor() => fixture.Grains.GetGrain<IVideoMonitorGrain>("wall-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task monitor_takes_nine_feeds_and_refuses_the_tenth_with_the_reason()
    {
        var monitor = Monitor();
        for (var tile = 1; tile <= 9; tile++)
        {
            Assert.True((await monitor.Assign(tile, Camera(tile), "op")).Done);
        }

        var tenth = await monitor.Assign(10, Camera(10), "op");

        Assert.False(tenth.Done);
        Assert.Contains("at most 9 feeds", tenth.Refusal);
        Assert.Equal(9, (await monitor.GetView()).Tiles.Count);
    }

    [Fact]
    public async Task concurrent_assignments_never_put_more_than_nine_feeds_on_a_monitor()
    {
        var monitor = Monitor();
        var results = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => monitor.Assign(((i - 1) % 15) + 1, Camera(i), $"op{i}")));

        Assert.Equal(12, results.Count(r => !r.Done));
        Assert.All(results.Where(r => !r.Done), r => Assert.True(r.Tile > 9));
        var view = await monitor.GetView();
        Assert.Equal(9, view.Tiles.Count);
        Assert.Equal(9, view.Tiles.Select(t => t.CameraId).Distinct().Count());
    }

    [Fact]
    public async Task a_video_monitor_watches_at_most_nine_points_also_under_concurrency()
    {
        var watcher = fixture.Grains.GetGrain<IVideoWatcherGrain>("vm-" + Guid.NewGuid().ToString("N")[..8]);
        var results = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => watcher.Take("m1", i, Camera(i))));

        Assert.Equal(9, results.Count(r => r.Done));
        Assert.All(results.Where(r => !r.Done), r => Assert.Contains("most allowed is 9", r.Refusal));
        Assert.Equal(9, (await watcher.Points()).Count);

        // The same camera on a second monitor is no new monitoring point.
        var again = await watcher.Take("m2", 1, (await watcher.Points())[0]);
        Assert.True(again.Done);
        Assert.Equal(9, again.Points);
    }

    [Fact]
    public async Task tour_shows_pages_of_the_free_tiles_and_turns_with_the_dwell_time()
    {
        var monitor = Monitor();
        await monitor.Assign(1, Camera(99), "op");
        var cameras = Enumerable.Range(1, 20).Select(Camera).ToList();
        var tour = await monitor.SetTour(cameras, TimeSpan.FromSeconds(20));

        Assert.Equal(3, tour.Pages);
        var first = await monitor.GetView();
        Assert.Equal(9, first.Tiles.Count);
        Assert.Equal(cameras.Take(8), first.Tiles.Where(t => t.Source == "tour").Select(t => t.CameraId));

        fixture.Time.Advance(TimeSpan.FromSeconds(21));
        var second = await monitor.GetView();
        Assert.Equal(1, second.Tour!.Page);
        Assert.Equal(cameras.Skip(8).Take(8), second.Tiles.Where(t => t.Source == "tour").Select(t => t.CameraId));

        fixture.Time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(0, (await monitor.GetView()).Tour!.Page);
    }

    [Fact]
    public async Task alarm_pins_its_camera_within_the_limit_and_an_assignment_cannot_displace_it()
    {
        var monitor = Monitor();
        for (var tile = 1; tile <= 9; tile++)
        {
            await monitor.Assign(tile, Camera(tile), "op");
        }

        var pin = await monitor.Pin(Camera(50), "jammer off in room 015");

        Assert.True(pin.Done);
        Assert.Equal(9, pin.Tile);
        Assert.Equal(Camera(9), pin.PreviousCamera);
        var view = await monitor.GetView();
        Assert.Equal(9, view.Tiles.Count);
        Assert.Contains(view.Tiles, t => t.CameraId == Camera(50) && t.Source == "pinned");

        var over = await monitor.Assign(9, Camera(9), "op");
        Assert.False(over.Done);
        Assert.Contains("pinned", over.Refusal);

        Assert.True(await monitor.Unpin(Camera(50)));
        Assert.Equal(8, (await monitor.GetView()).Tiles.Count);
    }
}
