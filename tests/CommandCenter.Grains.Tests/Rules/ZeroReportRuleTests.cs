using CommandCenter.Abstractions.Alarms;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class ZeroReportRuleTests
{
    private static List<CauseHit> Check(string time, bool reported, bool withPlan = true)
    {
        var site = Site();
        if (reported)
        {
            site.ZeroReports.Add(Session.SessionId);
        }

        var hits = new List<CauseHit>();
        new ZeroReportRule().Check(site, Context(time, withPlan ? TestPlan() : null), hits);
        return hits;
    }

    [Fact]
    public void zero_report_missing_at_its_deadline_raises_alarm()
    {
        Assert.Empty(Check("12:29", reported: false));
        var hit = Assert.Single(Check("12:30", reported: false));

        Assert.Equal((AlarmCauses.ZeroReportMissing, "2026-gk-yw", AlarmSeverity.Alarm), (hit.Cause, hit.Detail, hit.Severity));
    }

    [Fact]
    public void a_received_zero_report_or_no_plan_is_fine()
    {
        Assert.Empty(Check("12:31", reported: true));
        Assert.Empty(Check("12:31", reported: false, withPlan: false));
    }
}
