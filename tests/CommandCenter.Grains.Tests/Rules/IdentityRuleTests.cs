using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class IdentityRuleTests
{
    private static List<CauseHit> Check(string detail)
    {
        var hits = new List<CauseHit>();
        new IdentityRule().Check(Event(DeviceKind.IdReader, "verify", detail), Context("08:40"), hits);
        return hits;
    }

    [Theory]
    [InlineData("mismatch", AlarmCauses.IdentityMismatch, AlarmSeverity.Critical)]
    [InlineData("unregistered", AlarmCauses.IdentityUnregistered, AlarmSeverity.Alarm)]
    [InlineData("unreadable", AlarmCauses.IdentityUnreadable, AlarmSeverity.Warning)]
    public void a_failed_check_raises_at_once_with_the_ticket(string result, string cause, AlarmSeverity severity)
    {
        var hit = Assert.Single(Check($"{result} 64301020100105"));

        Assert.Equal((cause, severity, "64301020100105", "001", "r001-id_reader"), (hit.Cause, hit.Severity, hit.Detail, hit.Room, hit.DeviceId));
        Assert.Equal($"{cause}/64301020100105", hit.Key);
    }

    [Fact]
    public void a_match_is_no_alarm() => Assert.Empty(Check("match 64301020100105"));

    [Fact]
    public void two_tickets_are_two_causes() =>
        Assert.NotEqual(Check("mismatch 64301020100105")[0].Key, Check("mismatch 64301020100106")[0].Key);
}
