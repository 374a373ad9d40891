using CommandCenter.Abstractions.Alarms;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>The site's agent away for longer than the exam allows (a short reconnect is not an alarm).</summary>
internal sealed class AgentOfflineRule : ISiteRule
{
    public void Check(SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        if (context.Watching && !site.Online && site.OfflineSince is { } since && context.Now - since > context.Thresholds.AgentOfflineAfter)
        {
            hits.Add(new CauseHit(AlarmCauses.AgentOffline, AlarmCauses.AgentOffline, AlarmSeverity.Alarm, null, null, $"away since {since:HH:mm:ss}"));
        }
    }
}
