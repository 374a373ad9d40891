using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Abstractions.Video;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Tests.Rules;

/// <summary>The center's own watch of a camera (probe, recorder) goes through the camera's grain into its site's alarm rules.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CenterCameraAlarmTests(ClusterFixture fixture)
{
    private static readonly TimeSpan PastClearAfter = new RuleThresholds().ClearAfter + TimeSpan.FromSeconds(1);

    private async Task<(ICameraGrain Camera, ISiteGrain Site)> Camera(string siteId, string deviceId)
    {
        var camera = fixture.Grains.GetGrain<ICameraGrain>(CameraIds.Of(siteId, deviceId));
        await camera.Register(new CameraRegistration(CameraIds.Of(siteId, deviceId), "015", "http://127.0.0.1:9/x.ts", "plan", true));
        return (camera, fixture.Grains.GetGrain<ISiteGrain>(siteId));
    }

    private CameraHealth Health(bool online = true, bool frozen = false, bool lowFps = false) =>
        new(online, Stalled: false, frozen, online ? (lowFps ? 3 : 25) : null, lowFps, fixture.Time.GetUtcNow(), online ? null : "offline: Connection refused");

    private static async Task<List<AlarmView>> Alarms(ISiteGrain site, string cause) =>
        (await site.GetAlarms(includeClosed: true)).Where(a => a.Cause == cause).ToList();

    [Fact]
    public async Task a_camera_the_center_finds_offline_raises_one_alarm_that_clears_when_it_comes_back()
    {
        var (camera, site) = await Camera("43010571", "cam-a");

        await camera.ReportHealth(Health(online: false));
        await camera.ReportHealth(Health(online: false));

        var raised = Assert.Single(await Alarms(site, AlarmCauses.CameraOffline));
        Assert.Equal(AlarmState.Open, raised.State);
        Assert.Equal(("cam-a", "015", 1), (raised.DeviceId, raised.Room, raised.Count));
        Assert.Contains("Connection refused", raised.Detail);

        await camera.ReportHealth(Health());
        fixture.Time.Advance(PastClearAfter);
        await site.EvaluateRules();

        Assert.Equal(AlarmState.Cleared, Assert.Single(await Alarms(site, AlarmCauses.CameraOffline)).State);
        Assert.Empty(await site.GetAlarms(includeClosed: false));
    }

    [Fact]
    public async Task frozen_and_low_frame_rate_are_alarms_of_their_own_and_low_frame_rate_is_a_warning()
    {
        var (camera, site) = await Camera("43010572", "cam-b");

        await camera.ReportHealth(Health(frozen: true));
        await camera.ReportHealth(Health(lowFps: true));

        var frozen = Assert.Single(await Alarms(site, AlarmCauses.CameraFrozen));
        var lowFps = Assert.Single(await Alarms(site, AlarmCauses.CameraLowFps));
        Assert.Equal(AlarmSeverity.Alarm, frozen.Severity);
        Assert.Equal(AlarmSeverity.Warning, lowFps.Severity);
        Assert.False(frozen.CauseActive);
        Assert.True(lowFps.CauseActive);
    }

    [Fact]
    public async Task a_recording_that_stops_unexpectedly_raises_an_alarm_until_a_recorder_runs_again()
    {
        var (camera, site) = await Camera("43010573", "cam-c");
        await camera.ReportRecording(true, null);

        await camera.ReportRecording(false, new RecordingFailure(fixture.Time.GetUtcNow(), "ffmpeg exited with code 1"));
        // The next probe keeps the condition: it is the camera's state, not the probe's.
        await camera.ReportHealth(Health());

        var stopped = Assert.Single(await Alarms(site, AlarmCauses.CameraRecordingStopped));
        Assert.Equal(AlarmState.Open, stopped.State);
        Assert.Contains("exited with code 1", stopped.Detail);

        await camera.ReportRecording(true, null);
        fixture.Time.Advance(PastClearAfter);
        await site.EvaluateRules();

        Assert.Equal(AlarmState.Cleared, Assert.Single(await Alarms(site, AlarmCauses.CameraRecordingStopped)).State);
    }

    [Fact]
    public async Task a_camera_its_edge_and_the_center_both_find_offline_is_one_alarm()
    {
        var (camera, site) = await Camera("43010574", "cam-d");
        var now = fixture.Time.GetUtcNow();
        await site.Apply([new DeviceUpdate("edge-cam-d", "cam-d", DeviceKind.Camera, null, now, now, false, DeviceState.Fault, null, null, null,
            """{"online":false,"recording":false}""")]);

        await camera.ReportHealth(Health(online: false));

        Assert.Single(await Alarms(site, AlarmCauses.CameraOffline));

        // The center sees it again, the edge still says offline: the alarm stays.
        await camera.ReportHealth(Health());
        fixture.Time.Advance(PastClearAfter);
        await site.EvaluateRules();
        Assert.Equal(AlarmState.Open, Assert.Single(await Alarms(site, AlarmCauses.CameraOffline)).State);
    }
}
