using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class JammerRuleTests
{
    private static List<CauseHit> Check(DeviceFacts device, RuleContext context)
    {
        var hits = new List<CauseHit>();
        new JammerRule().Check(device, Site(), context, hits);
        return hits;
    }

    [Theory]
    [InlineData("08:30")]
    [InlineData("09:00")]
    [InlineData("11:29")]
    public void jammer_off_during_entry_or_session_raises_alarm(string time)
    {
        var hit = Assert.Single(Check(Device(DeviceKind.Jammer, """{"on":false,"fault":null}"""), Context(time)));

        Assert.Equal((AlarmCauses.JammerOff, AlarmSeverity.Alarm, "jammer_off/r001-jammer"), (hit.Cause, hit.Severity, hit.Key));
    }

    [Theory]
    [InlineData("08:29")]
    [InlineData("11:30")]
    public void jammer_off_outside_entry_and_session_is_fine(string time) =>
        Assert.Empty(Check(Device(DeviceKind.Jammer, """{"on":false}"""), Context(time)));

    [Fact]
    public void jammer_fault_in_session_raises_alarm_and_on_is_fine()
    {
        Assert.Equal(AlarmCauses.JammerFault, Assert.Single(Check(Device(DeviceKind.Jammer, """{"on":true,"fault":"antenna"}""", DeviceState.Fault), Context("10:00"))).Cause);
        Assert.Empty(Check(Device(DeviceKind.Jammer, """{"on":true,"fault":null}"""), Context("10:00")));
    }

    [Fact]
    public void without_a_plan_only_faults_count()
    {
        Assert.Empty(Check(Device(DeviceKind.Jammer, """{"on":false}"""), Context("10:00", plan: null)));
        Assert.Single(Check(Device(DeviceKind.Jammer, "{}", DeviceState.Fault), Context("10:00", plan: null)));
    }

    [Fact]
    public void other_devices_and_offline_jammers_are_not_its_business()
    {
        Assert.Empty(Check(Device(DeviceKind.Clock, """{"on":false}"""), Context("10:00")));
        Assert.Empty(Check(Device(DeviceKind.Jammer, """{"on":false}""", DeviceState.Offline), Context("10:00")));
    }
}
