using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>A camera must be online, recording and showing a live picture (recording must never stop silently).</summary>
internal sealed class CameraRule : IDeviceRule
{
    public void Check(DeviceFacts device, SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        if (device.Kind != DeviceKind.Camera || !context.Watching || device.State == DeviceState.Offline)
        {
            return;
        }

        var faultEvent = device.State == DeviceState.Fault ? device.LastEvent : null;
        if (device.Online == false || faultEvent == "offline")
        {
            hits.Add(CauseHit.ForDevice(AlarmCauses.CameraOffline, AlarmSeverity.Alarm, device));
            return;
        }

        if (faultEvent is "frozen" or "tamper")
        {
            hits.Add(CauseHit.ForDevice(AlarmCauses.CameraFrozen, AlarmSeverity.Alarm, device, faultEvent));
        }

        if (device.Recording == false)
        {
            hits.Add(CauseHit.ForDevice(AlarmCauses.CameraNotRecording, AlarmSeverity.Alarm, device));
        }
    }
}
