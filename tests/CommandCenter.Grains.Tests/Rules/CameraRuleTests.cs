using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class CameraRuleTests
{
    private static List<string> Causes(string data, DeviceState state = DeviceState.Ok, string? lastEvent = null, string time = "10:00")
    {
        var hits = new List<CauseHit>();
        new CameraRule().Check(Device(DeviceKind.Camera, data, state, lastEvent: lastEvent), Site(), Context(time), hits);
        return hits.Select(h => h.Cause).ToList();
    }

    [Fact]
    public void online_and_recording_is_fine() =>
        Assert.Empty(Causes("""{"online":true,"recording":true,"fps":25}"""));

    [Fact]
    public void camera_offline_raises_alarm() =>
        Assert.Equal([AlarmCauses.CameraOffline], Causes("""{"online":false,"recording":false}""", DeviceState.Fault));

    [Fact]
    public void camera_not_recording_raises_alarm() =>
        Assert.Equal([AlarmCauses.CameraNotRecording], Causes("""{"online":true,"recording":false}""", DeviceState.Fault));

    [Theory]
    [InlineData("frozen")]
    [InlineData("tamper")]
    public void a_frozen_or_tampered_picture_raises_alarm(string ev) =>
        Assert.Equal([AlarmCauses.CameraFrozen], Causes("""{"online":true,"recording":true}""", DeviceState.Fault, ev));

    [Fact]
    public void an_offline_event_is_camera_offline() =>
        Assert.Equal([AlarmCauses.CameraOffline], Causes("""{"online":true,"recording":true}""", DeviceState.Fault, "offline"));

    [Fact]
    public void a_frozen_event_superseded_by_a_good_status_is_fine() =>
        Assert.Empty(Causes("""{"online":true,"recording":true}""", DeviceState.Ok, "frozen"));

    [Fact]
    public void quiet_when_the_exam_day_is_closed() =>
        Assert.Empty(Causes("""{"online":false}""", DeviceState.Fault, time: "21:00"));
}
