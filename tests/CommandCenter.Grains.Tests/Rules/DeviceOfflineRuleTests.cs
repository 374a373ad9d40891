using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class DeviceOfflineRuleTests
{
    private static List<CauseHit> Check(DeviceFacts device, RuleContext context, bool agentOnline = true)
    {
        var hits = new List<CauseHit>();
        new DeviceOfflineRule().Check(device, Site(agentOnline), context, hits);
        return hits;
    }

    [Fact]
    public void silent_for_more_than_n_intervals_is_offline()
    {
        var device = Device(DeviceKind.Jammer, lastSeen: At("08:59").AddSeconds(30));

        Assert.Empty(Check(device, Context("09:00")));
        var hit = Assert.Single(Check(device, Context(At("09:00").AddSeconds(1), TestPlan())));
        Assert.Equal((AlarmCauses.DeviceOffline, AlarmSeverity.Alarm, "r001-jammer"), (hit.Cause, hit.Severity, hit.DeviceId));
    }

    [Fact]
    public void the_number_of_missed_intervals_comes_from_the_exam()
    {
        var plan = TestPlan(new RuleThresholds { OfflineMissedIntervals = 6 });
        var device = Device(DeviceKind.Camera, lastSeen: At("08:59"));

        Assert.Empty(Check(device, Context("09:00", plan)));
        Assert.Single(Check(device, Context("09:01", plan)));
    }

    [Fact]
    public void marked_offline_by_the_sweep_counts_and_readers_are_warnings()
    {
        var hit = Assert.Single(Check(Device(DeviceKind.IdReader, state: DeviceState.Offline), Context("09:00")));

        Assert.Equal(AlarmSeverity.Warning, hit.Severity);
    }

    [Fact]
    public void not_raised_while_the_agent_is_away_or_outside_the_exam_day()
    {
        var device = Device(DeviceKind.Jammer, state: DeviceState.Offline);

        Assert.Empty(Check(device, Context("09:00"), agentOnline: false));
        Assert.Empty(Check(device, Context("13:00")));
        Assert.Single(Check(device, Context("13:00", plan: null)));
    }
}
