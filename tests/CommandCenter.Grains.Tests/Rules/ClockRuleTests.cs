using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class ClockRuleTests
{
    private static List<CauseHit> Check(string data, RuleContext? context = null, DeviceState state = DeviceState.Ok, string? lastEvent = null)
    {
        var hits = new List<CauseHit>();
        new ClockRule().Check(Device(DeviceKind.Clock, data, state, lastEvent: lastEvent), Site(), context ?? Context("08:40"), hits);
        return hits;
    }

    [Theory]
    [InlineData(12, null)]
    [InlineData(1000, null)]
    [InlineData(-1001, AlarmSeverity.Warning)]
    [InlineData(3000, AlarmSeverity.Warning)]
    [InlineData(3001, AlarmSeverity.Alarm)]
    [InlineData(-45000, AlarmSeverity.Alarm)]
    public void offset_over_the_thresholds_is_a_warning_then_an_alarm(int offset, AlarmSeverity? expected)
    {
        var hits = Check($$"""{"offsetMs":{{offset}},"synced":true}""");

        Assert.Equal(expected, hits.SingleOrDefault()?.Severity);
        Assert.All(hits, h => Assert.Equal($"offset {offset} ms", h.Detail));
    }

    [Fact]
    public void thresholds_are_the_exams()
    {
        var strict = Context("08:40", TestPlan(new RuleThresholds { ClockWarningMs = 200, ClockAlarmMs = 500 }));

        Assert.Equal(AlarmSeverity.Warning, Assert.Single(Check("""{"offsetMs":300,"synced":true}""", strict)).Severity);
        Assert.Equal(AlarmSeverity.Alarm, Assert.Single(Check("""{"offsetMs":501,"synced":true}""", strict)).Severity);
    }

    [Fact]
    public void not_synced_is_a_warning_of_its_own()
    {
        var hits = Check("""{"offsetMs":4000,"synced":false}""");

        Assert.Equal([AlarmCauses.ClockOffset, AlarmCauses.ClockUnsynced], hits.Select(h => h.Cause));
    }

    [Fact]
    public void a_stopped_clock_is_an_alarm()
    {
        var hit = Assert.Single(Check("""{"offsetMs":0,"synced":true}""", state: DeviceState.Fault, lastEvent: "stopped"));

        Assert.Equal((AlarmCauses.ClockStopped, AlarmSeverity.Alarm), (hit.Cause, hit.Severity));
    }

    [Fact]
    public void quiet_when_the_exam_day_is_closed() =>
        Assert.Empty(Check("""{"offsetMs":9000,"synced":false}""", Context("20:00")));
}
