using CommandCenter.Abstractions.Alarms;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>"Nothing to report" is itself a report (零报告): a session's zero-report missing at its deadline is an alarm until it arrives.</summary>
internal sealed class ZeroReportRule : ISiteRule
{
    public void Check(SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        if (context.Plan is null)
        {
            return;
        }

        foreach (var session in context.Timeline.Sessions)
        {
            if (session.ZeroReportDue is { } due && context.Now >= due && context.Now < due.AddHours(12)
                && !site.ZeroReports.Contains(session.SessionId))
            {
                hits.Add(new CauseHit(AlarmCauses.ZeroReportMissing, AlarmCauses.ZeroReportMissing + "/" + session.SessionId,
                    AlarmSeverity.Alarm, null, null, session.SessionId));
            }
        }
    }
}
