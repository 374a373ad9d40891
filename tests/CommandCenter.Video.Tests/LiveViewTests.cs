using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Video.Tests;

/// <summary>Live view end to end: test camera → server's shared ffmpeg feed → MSE in headless Chromium; and its bad inputs.</summary>
public sealed class LiveViewTests(VideoServer video) : IClassFixture<VideoServer>
{
    private const string Playing =
        "() => window.ccLive && window.ccLive.state === 'playing' && document.getElementById('video').getVideoPlaybackQuality().totalVideoFrames > 20";

    private static string Cam(string name) => $"43010202.{name}";

    private Uri Page(string cameraId) => new(video.Server.BaseAddress, $"/video/live.html?camera={cameraId}");

    [Fact]
    public async Task live_view_plays_in_chromium_is_shared_between_viewers_and_stops_when_nobody_watches()
    {
        var camera = video.StartCamera("live");
        await video.Register(Cam("live-1"), camera.Url.ToString());
        await using var browser = await Browser.Launch(video.Server.AdminToken);

        var first = await browser.Open(Page(Cam("live-1")));
        await first.WaitForFunctionAsync(Playing, null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var second = await browser.Open(Page(Cam("live-1")));
        await second.WaitForFunctionAsync(Playing, null, new PageWaitForFunctionOptions { Timeout = 60_000 });

        var live = await video.Server.GetJson("/api/v1/video/live");
        var feed = Assert.Single(live.GetProperty("feeds").EnumerateArray());
        Assert.Equal(2, feed.GetProperty("viewers").GetInt32());
        var pid = feed.GetProperty("pid").GetInt32();
        var processes = await video.Server.GetJson("/api/v1/video/processes");
        Assert.Contains(processes.EnumerateArray(), p => p.GetProperty("pid").GetInt32() == pid && p.GetProperty("purpose").GetString() == "live");

        // The burned-in clock is read back from the picture: the page measures glass-to-glass latency.
        await first.WaitForFunctionAsync("() => window.ccLive.latencies.length >= 10");
        var latencies = await first.EvaluateAsync<double[]>("() => window.ccLive.latencies.slice()");
        Assert.All(latencies, l => Assert.InRange(l, 0, 10_000));

        await first.CloseAsync();
        await second.CloseAsync();
        var after = await Poll.Until(() => video.Server.GetJson("/api/v1/video/live"), l => l.GetProperty("feeds").GetArrayLength() == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(0, after.GetProperty("feeds").GetArrayLength());
        Assert.Equal(0, await Poll.Until(() => Task.FromResult(video.ServerProcesses.Count), n => n == 0, TimeSpan.FromSeconds(5)));
        Assert.False(Directory.Exists($"/proc/{pid}"), $"ffmpeg {pid} is still there (zombie or running)");
    }

    [Fact]
    public async Task a_stream_dying_mid_view_shows_lost_and_leaves_no_ffmpeg()
    {
        var camera = video.StartCamera("dying");
        await video.Register(Cam("dying-1"), camera.Url.ToString());
        await using var browser = await Browser.Launch(video.Server.AdminToken);
        var page = await browser.Open(Page(Cam("dying-1")));
        await page.WaitForFunctionAsync(Playing, null, new PageWaitForFunctionOptions { Timeout = 60_000 });

        await camera.Kill();

        await page.WaitForFunctionAsync("() => window.ccLive.state === 'lost' || window.ccLive.state === 'refused'", null,
            new PageWaitForFunctionOptions { Timeout = 40_000 });
        var state = await page.TextContentAsync("#state");
        Assert.Matches("lost|refused", state);
        await page.CloseAsync();
        var after = await Poll.Until(() => Task.FromResult(video.ServerProcesses.Count), n => n == 0, TimeSpan.FromSeconds(15));
        Assert.Equal(0, after);
    }

    [Fact]
    public async Task a_garbage_or_unreachable_stream_is_answered_with_the_reason_and_no_ffmpeg_stays()
    {
        await video.Register(Cam("garbage-1"), new Uri(video.Server.BaseAddress, "/healthz").ToString());
        await video.Register(Cam("nowhere-1"), "http://127.0.0.1:9/stream.ts");

        using var garbage = await video.Server.Http.GetAsync($"/api/v1/video/live/{Cam("garbage-1")}");
        using var nowhere = await video.Server.Http.GetAsync($"/api/v1/video/live/{Cam("nowhere-1")}");

        Assert.Equal(HttpStatusCode.BadGateway, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, nowhere.StatusCode);
        var problem = await nowhere.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("refused", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var after = await Poll.Until(() => Task.FromResult(video.ServerProcesses.Count), n => n == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(0, after);
        var health = await Poll.Until(() => video.Camera(Cam("garbage-1")), c => VideoServer.Is(c, "online", false), TimeSpan.FromSeconds(15));
        Assert.True(VideoServer.Is(health, "online", false), health.ToString());
    }

    [Fact]
    public async Task beyond_the_live_feed_limit_a_new_camera_is_refused_with_503_and_the_limit()
    {
        var root = Path.Combine(Path.GetTempPath(), "cc-rec-" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await RunningServer.StartAsync(VideoServer.Arguments(root, "--Video:MaxLiveFeeds=1"));
        var one = video.StartCamera("cap-1");
        var two = video.StartCamera("cap-2");
        var registry = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<CommandCenter.Server.Video.ICameraRegistry>(server.Services);
        await registry.Register(new(Cam("cap-1"), "015", one.Url.ToString(), "plan", null));
        await registry.Register(new(Cam("cap-2"), "015", two.Url.ToString(), "plan", null));

        using var watching = await server.Http.GetAsync($"/api/v1/video/live/{Cam("cap-1")}", HttpCompletionOption.ResponseHeadersRead);
        using var refused = await server.Http.GetAsync($"/api/v1/video/live/{Cam("cap-2")}");

        Assert.Equal(HttpStatusCode.OK, watching.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("at most 1 live feeds", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
