using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Video.Tests;

/// <summary>The 9-feed rule, camera health and review marks through the HTTP API of a real server.</summary>
public sealed class VideoApiTests(VideoServer video) : IClassFixture<VideoServer>
{
    private const string Site = "43010201";

    private static string Cam(string name) => $"{Site}.{name}";

    [Fact]
    public async Task tenth_feed_on_a_monitor_is_refused_with_409_and_the_reason_also_under_concurrent_assignment()
    {
        var cameras = Enumerable.Range(1, 12).Select(i => Cam($"wall-{i}")).ToList();
        foreach (var camera in cameras)
        {
            await video.Register(camera, "http://127.0.0.1:9/none.ts");
        }

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => video.Assign(video.Server.Http, "wall-a", i, cameras[i - 1])));

        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(3, refused.Count);
        var problem = await refused[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("at most 9 feeds", problem.GetProperty("detail").GetString());

        var monitor = await video.Server.GetJson("/api/v1/video/monitors/wall-a");
        Assert.Equal(9, monitor.GetProperty("tiles").GetArrayLength());
        Assert.Equal(9, monitor.GetProperty("maxFeeds").GetInt32());

        var audit = await video.Server.GetJson("/api/v1/audit?action=video_tile_refused");
        Assert.Equal(3, audit.EnumerateArray().Count(e => e.GetProperty("target").GetString()!.StartsWith("wall-a/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task a_video_monitor_works_only_on_cameras_of_their_scope_and_an_auditor_changes_nothing()
    {
        var mine = Cam("vm-mine");
        var other = Cam("vm-other");
        await video.Register(mine, "http://127.0.0.1:9/a.ts");
        await video.Register(other, "http://127.0.0.1:9/b.ts");
        using var monitor = video.Server.ClientWith(await video.Server.CreateAccount("vm1", "video_monitor", new { cameras = new[] { mine } }));
        using var auditor = video.Server.ClientWith(await video.Server.CreateAccount("aud1", "auditor", new { region = "43" }));

        Assert.Equal(HttpStatusCode.OK, (await video.Assign(monitor, "wall-vm", 1, mine)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await video.Assign(monitor, "wall-vm", 2, other)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await monitor.GetAsync($"/api/v1/cameras/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await video.Assign(auditor, "wall-vm", 3, mine)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/v1/cameras/{mine}")).StatusCode);
    }

    [Fact]
    public async Task unknown_or_malformed_cameras_and_tiles_get_clear_answers()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await video.Assign(video.Server.Http, "wall-b", 1, Cam("nobody"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await video.Assign(video.Server.Http, "wall-b", 1, "not-a-camera")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await video.Server.Http.GetAsync($"/api/v1/cameras/{Cam("nobody")}")).StatusCode);
        await video.Register(Cam("b1"), "http://127.0.0.1:9/none.ts");
        var zero = await video.Assign(video.Server.Http, "wall-b", 0, Cam("b1"));
        Assert.Equal(HttpStatusCode.Conflict, zero.StatusCode);
    }

    [Fact]
    public async Task frozen_test_camera_is_reported_frozen_and_a_moving_one_online_with_its_fps()
    {
        var still = video.StartCamera("still", frozen: true);
        var moving = video.StartCamera("moving");
        await video.Register(Cam("frozen-1"), still.Url.ToString());
        await video.Register(Cam("moving-1"), moving.Url.ToString());

        var frozen = await Poll.Until(() => video.Camera(Cam("frozen-1")), c => VideoServer.Is(c, "frozen", true), TimeSpan.FromSeconds(30));
        // A probe that joins while the camera is still starting up may find it stalled; the next one sees it run.
        var online = await Poll.Until(() => video.Camera(Cam("moving-1")),
            c => VideoServer.Is(c, "online", true) && VideoServer.Is(c, "stalled", false), TimeSpan.FromSeconds(30));

        Assert.True(VideoServer.Is(frozen, "frozen", true), frozen.ToString());
        Assert.True(VideoServer.Is(frozen, "online", true), frozen.ToString());
        Assert.True(VideoServer.Is(online, "frozen", false), online.ToString());
        Assert.True(VideoServer.Is(online, "stalled", false), online.ToString());
        Assert.InRange(online.GetProperty("fps").GetDouble(), 15, 30);
        var alarms = await video.Server.GetJson("/api/v1/video/alarms");
        Assert.Contains(alarms.EnumerateArray(), a => a.GetProperty("cameraId").GetString() == Cam("frozen-1") && a.GetProperty("kind").GetString() == "camera_frozen");
    }

    [Fact]
    public async Task camera_learned_from_an_edge_status_goes_offline_within_ten_seconds_of_its_source_dying()
    {
        var camera = video.StartCamera("edge");
        await using var site = await SiteClient.ConnectAsync(video.Server.MqttPort, Site);
        await site.Announce(("cam-edge", "camera", "015"));
        await site.Status("cam-edge", "camera", "015", $$"""{"online":true,"recording":true,"streamUrl":"{{camera.Url}}","fps":25}""");
        var id = Cam("cam-edge");
        var online = await Poll.Until(() => video.Camera(id), c => VideoServer.Is(c, "online", true), TimeSpan.FromSeconds(30));
        Assert.True(VideoServer.Is(online, "online", true), online.ToString());
        Assert.Equal("edge", online.GetProperty("source").GetString());

        await camera.Kill();
        var killedAt = DateTime.UtcNow;
        var offline = await Poll.Until(() => video.Camera(id), c => VideoServer.Is(c, "online", false), TimeSpan.FromSeconds(10));

        Assert.True(VideoServer.Is(offline, "online", false), $"still {offline} after {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s");
        Assert.Contains("offline", offline.GetProperty("problem").GetString());
        // The map hears it as the camera's offline event: the device is a fault at its site.
        var siteView = await Poll.Until(() => video.Server.GetJson($"/api/v1/sites/{Site}"),
            s => s.GetProperty("devices").EnumerateArray().Any(d => d.GetProperty("id").GetString() == "cam-edge" && d.GetProperty("state").GetString() == "fault"),
            TimeSpan.FromSeconds(5));
        Assert.Contains(siteView.GetProperty("devices").EnumerateArray(), d => d.GetProperty("id").GetString() == "cam-edge" && d.GetProperty("state").GetString() == "fault");
    }

    [Fact]
    public async Task review_mark_is_kept_for_the_exam_day_and_audited()
    {
        await video.Register(Cam("review-1"), "http://127.0.0.1:9/none.ts");
        var moment = DateTimeOffset.Parse("2026-06-07T09:41:12+08:00", System.Globalization.CultureInfo.InvariantCulture);

        using var created = await video.Server.Http.PostAsJsonAsync("/api/v1/video/reviews", new { cameraId = Cam("review-1"), moment, note = "考生左顾右盼 candidate looks at neighbour" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var empty = await video.Server.Http.PostAsJsonAsync("/api/v1/video/reviews", new { cameraId = Cam("review-1"), moment, note = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var marks = await video.Server.GetJson($"/api/v1/video/reviews?day=2026-06-07&cameraId={Cam("review-1")}");
        var mark = Assert.Single(marks.EnumerateArray());
        Assert.Equal("admin", mark.GetProperty("reviewer").GetString());
        var audit = await video.Server.GetJson("/api/v1/audit?action=video_review_mark");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == Cam("review-1"));
    }
}
