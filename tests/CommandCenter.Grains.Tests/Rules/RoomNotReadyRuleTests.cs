using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class RoomNotReadyRuleTests
{
    private static DeviceFacts[] ReadyRoom(string room) =>
    [
        Device(DeviceKind.Jammer, """{"on":true,"fault":null}""", room: room),
        Device(DeviceKind.Clock, """{"offsetMs":40,"synced":true}""", room: room),
        Device(DeviceKind.Camera, """{"online":true,"recording":true}""", room: room),
        Device(DeviceKind.IdReader, """{"ready":true}""", room: room),
    ];

    private static List<CauseHit> Check(string time, params DeviceFacts[] devices)
    {
        var hits = new List<CauseHit>();
        new RoomNotReadyRule().Check(Site(true, devices), Context(time), hits);
        return hits;
    }

    [Fact]
    public void ready_rooms_at_t_minus_30_are_fine() =>
        Assert.Empty(Check("08:30", [.. ReadyRoom("001"), .. ReadyRoom("002")]));

    [Fact]
    public void a_room_not_ready_at_t_minus_30_names_what_is_missing()
    {
        var room2 = ReadyRoom("002");
        room2[0] = Device(DeviceKind.Jammer, """{"on":false}""", room: "002");
        room2[1] = Device(DeviceKind.Clock, """{"offsetMs":1500,"synced":true}""", room: "002");

        var hit = Assert.Single(Check("08:31", [.. ReadyRoom("001"), .. room2]));

        Assert.Equal((AlarmCauses.RoomNotReady, "002", "jammer, clock"), (hit.Cause, hit.Room, hit.Detail));
    }

    [Fact]
    public void a_planned_room_that_never_reported_is_not_ready()
    {
        var hit = Assert.Single(Check("08:45", ReadyRoom("001")));

        Assert.Equal("jammer, clock, camera, id_reader", hit.Detail);
    }

    [Theory]
    [InlineData("08:29")]
    [InlineData("09:00")]
    public void only_checked_from_t_minus_30_until_the_start(string time) => Assert.Empty(Check(time));
}
