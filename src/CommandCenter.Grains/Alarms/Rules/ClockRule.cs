using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// A room clock must show standard time: |offset| over the exam's warning threshold is a warning, over the
/// alarm threshold an alarm (defaults 1 000 / 3 000 ms); not synced is a warning; stopped is an alarm.
/// </summary>
internal sealed class ClockRule : IDeviceRule
{
    public void Check(DeviceFacts device, SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        if (device.Kind != DeviceKind.Clock || !context.Watching || device.State == DeviceState.Offline)
        {
            return;
        }

        if (device.State == DeviceState.Fault && device.LastEvent == "stopped")
        {
            hits.Add(CauseHit.ForDevice(AlarmCauses.ClockStopped, AlarmSeverity.Alarm, device));
            return;
        }

        if (device.OffsetMs is { } offset && Math.Abs((long)offset) > context.Thresholds.ClockWarningMs)
        {
            var severity = Math.Abs((long)offset) > context.Thresholds.ClockAlarmMs ? AlarmSeverity.Alarm : AlarmSeverity.Warning;
            hits.Add(CauseHit.ForDevice(AlarmCauses.ClockOffset, severity, device, $"offset {offset} ms"));
        }

        if (device.Synced == false)
        {
            hits.Add(CauseHit.ForDevice(AlarmCauses.ClockUnsynced, AlarmSeverity.Warning, device));
        }
    }
}
