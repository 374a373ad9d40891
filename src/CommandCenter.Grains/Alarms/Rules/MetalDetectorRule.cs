using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>A metal detector's alarm: one alarm per detector while unclosed, counting repeats; the ticket as detail.</summary>
internal sealed class MetalDetectorRule : IEventRule
{
    public void Check(EventView ev, RuleContext context, List<CauseHit> hits)
    {
        if (ev.Kind == DeviceKind.MetalDetector && ev.Type == "alarm")
        {
            hits.Add(new CauseHit(AlarmCauses.MetalDetector, AlarmCauses.MetalDetector + "/" + ev.DeviceId, AlarmSeverity.Warning,
                ev.Room, ev.DeviceId, ev.Detail?.Trim()));
        }
    }
}
