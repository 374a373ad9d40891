using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// A room's jammer must be on and healthy from the opening of entry to the end of the session. A fault is
/// an alarm then; off is an alarm then (outside those times a jammer may be off). Without a plan only faults count.
/// </summary>
internal sealed class JammerRule : IDeviceRule
{
    public void Check(DeviceFacts device, SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        if (device.Kind != DeviceKind.Jammer || device.State == DeviceState.Offline)
        {
            return;
        }

        var required = context.EntryOrSession is not null;
        if (device.State == DeviceState.Fault && (required || context.Plan is null))
        {
            hits.Add(CauseHit.ForDevice(AlarmCauses.JammerFault, AlarmSeverity.Alarm, device, device.LastEvent));
        }
        else if (required && device.On == false)
        {
            hits.Add(CauseHit.ForDevice(AlarmCauses.JammerOff, AlarmSeverity.Alarm, device, context.EntryOrSession!.SessionId));
        }
    }
}
