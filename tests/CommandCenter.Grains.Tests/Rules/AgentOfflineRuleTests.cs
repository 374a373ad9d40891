using CommandCenter.Abstractions.Alarms;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class AgentOfflineRuleTests
{
    private static List<CauseHit> Check(bool online, string since, string now)
    {
        var site = Site(online);
        site.OfflineSince = online ? null : At(since);
        var hits = new List<CauseHit>();
        new AgentOfflineRule().Check(site, Context(now), hits);
        return hits;
    }

    [Fact]
    public void away_longer_than_allowed_raises_alarm()
    {
        var hit = Assert.Single(Check(false, "08:40", "08:41"));

        Assert.Equal((AlarmCauses.AgentOffline, AlarmSeverity.Alarm, AlarmCauses.AgentOffline), (hit.Cause, hit.Severity, hit.Key));
    }

    [Fact]
    public void a_short_reconnect_and_an_online_agent_are_fine()
    {
        Assert.Empty(Check(false, "08:40", "08:40"));
        Assert.Empty(Check(true, "08:00", "08:41"));
    }

    [Fact]
    public void quiet_when_the_exam_day_is_closed() => Assert.Empty(Check(false, "19:00", "20:00"));
}
