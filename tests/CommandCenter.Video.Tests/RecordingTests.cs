using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Video.Tests;

/// <summary>Recording of marked cameras, playback of a range, and the alarm when a recording stops on its own.</summary>
public sealed class RecordingTests(VideoServer video) : IClassFixture<VideoServer>
{
    private const string Camera = "43010203.rec-1";

    [Fact]
    public async Task marked_camera_is_recorded_played_back_as_mp4_and_its_unexpected_stop_raises_an_alarm()
    {
        var source = video.StartCamera("rec");
        await video.Register(Camera, source.Url.ToString());
        var started = DateTimeOffset.UtcNow;

        using var mark = await video.Server.Http.PutAsJsonAsync($"/api/v1/cameras/{Camera}/recording", new { record = true });
        Assert.Equal(HttpStatusCode.OK, mark.StatusCode);
        var recording = await Poll.Until(() => video.Camera(Camera), c => VideoServer.Is(c, "recording", true), TimeSpan.FromSeconds(15));
        Assert.True(VideoServer.Is(recording, "recording", true), recording.ToString());
        var segments = await Poll.Until(() => video.Server.GetJson($"/api/v1/video/recordings/{Camera}?from={Uri.EscapeDataString(started.AddMinutes(-1).ToString("O"))}"),
            s => s.GetArrayLength() >= 4, TimeSpan.FromSeconds(20));
        Assert.True(segments.GetArrayLength() >= 4, segments.ToString());

        var from = Uri.EscapeDataString(started.AddMinutes(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        using var playback = await video.Server.Http.GetAsync($"/api/v1/video/playback/{Camera}?from={from}&to={to}");
        Assert.Equal(HttpStatusCode.OK, playback.StatusCode);
        Assert.Equal("video/mp4", playback.Content.Headers.ContentType?.MediaType);
        var bytes = await playback.Content.ReadAsByteArrayAsync();
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Contains("moof", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        var audit = await video.Server.GetJson("/api/v1/audit?action=video_playback");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == Camera);

        await source.Kill();
        var alarms = await Poll.Until(() => video.Server.GetJson("/api/v1/video/alarms"),
            a => a.EnumerateArray().Any(x => x.GetProperty("cameraId").GetString() == Camera && x.GetProperty("kind").GetString() == "recording_stopped"),
            TimeSpan.FromSeconds(15));
        Assert.Contains(alarms.EnumerateArray(), x => x.GetProperty("cameraId").GetString() == Camera && x.GetProperty("kind").GetString() == "recording_stopped");
        // The same stop is an alarm of the alarm engine, on the camera's site.
        var engine = await Poll.Until(() => video.Server.GetJson("/api/v1/alarms?site=43010203"),
            a => a.EnumerateArray().Any(x => x.GetProperty("cause").GetString() == "camera_recording_stopped"), TimeSpan.FromSeconds(15));
        Assert.Contains(engine.EnumerateArray(), x => x.GetProperty("cause").GetString() == "camera_recording_stopped"
            && x.GetProperty("deviceId").GetString() == "rec-1");
        var camera = await video.Camera(Camera);
        Assert.Equal(JsonValueKind.Object, camera.GetProperty("lastRecordingFailure").ValueKind);

        using var unmark = await video.Server.Http.PutAsJsonAsync($"/api/v1/cameras/{Camera}/recording", new { record = false });
        var left = await Poll.Until(() => Task.FromResult(video.ServerProcesses.Count), n => n == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task playback_of_a_range_without_recording_or_a_bad_range_is_answered_clearly()
    {
        await video.Register("43010203.rec-none", "http://127.0.0.1:9/x.ts");
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));

        using var none = await video.Server.Http.GetAsync($"/api/v1/video/playback/43010203.rec-none?from={from}&to={to}");
        using var reversed = await video.Server.Http.GetAsync($"/api/v1/video/playback/43010203.rec-none?from={to}&to={from}");

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
    }
}
