using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Video.Tests;

/// <summary>The center's probe of a real (dead) stream ends in the alarm engine: <c>/api/v1/alarms</c> and the room's device state.</summary>
public sealed class VideoAlarmRuleTests(VideoServer video) : IClassFixture<VideoServer>
{
    private const string Site = "43010604";

    [Fact]
    public async Task a_camera_the_prober_finds_offline_is_an_open_alarm_and_a_fault_on_the_map()
    {
        var source = video.StartCamera("alarm");
        await video.Register($"{Site}.alarm-cam", source.Url.ToString(), "021");
        await Poll.Until(() => video.Camera($"{Site}.alarm-cam"), c => VideoServer.Is(c, "online", true), TimeSpan.FromSeconds(20));

        await source.Kill();

        var alarms = await Poll.Until(() => video.Server.GetJson($"/api/v1/alarms?state=open&site={Site}"), a => CameraOffline(a).Count == 1,
            TimeSpan.FromSeconds(20));
        var alarm = Assert.Single(CameraOffline(alarms));
        Assert.Equal("021", alarm.GetProperty("room").GetString());
        Assert.Equal("alarm", alarm.GetProperty("severity").GetString());

        // Later probes find it offline again: still the one alarm.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(CameraOffline(await video.Server.GetJson($"/api/v1/alarms?site={Site}")));

        // The room's camera is no longer ok on the map: fault from the center's event, then offline when nothing more is heard of it
        // (a camera without an edge gets no statuses).
        var site = await Poll.Until(() => video.Server.GetJson($"/api/v1/sites/{Site}"), s => NotOk(s) == 1, TimeSpan.FromSeconds(10));
        Assert.True(NotOk(site) == 1, site.ToString());
        Assert.Equal("offline", site.GetProperty("devices")[0].GetProperty("lastEvent").GetString());
    }

    private static int NotOk(JsonElement site) =>
        site.GetProperty("counts").GetProperty("devicesFault").GetInt32() + site.GetProperty("counts").GetProperty("devicesOffline").GetInt32();

    private static List<JsonElement> CameraOffline(JsonElement alarms) =>
        alarms.EnumerateArray().Where(a => a.GetProperty("cause").GetString() == "camera_offline" && a.GetProperty("deviceId").GetString() == "alarm-cam").ToList();
}
