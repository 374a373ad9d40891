using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// A device silent for more than N status intervals (the exam's thresholds) is offline. Not raised while the
/// whole agent is away: the agent-offline alarm stands for all its devices.
/// </summary>
internal sealed class DeviceOfflineRule : IDeviceRule
{
    public void Check(DeviceFacts device, SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        if (!context.Watching || !site.Online)
        {
            return;
        }

        var limit = context.Thresholds.StatusInterval * context.Thresholds.OfflineMissedIntervals;
        var silent = device.LastSeen is { } seen && context.Now - seen > limit;
        if (device.State == DeviceState.Offline || silent)
        {
            var severity = device.Kind is DeviceKind.MetalDetector or DeviceKind.IdReader ? AlarmSeverity.Warning : AlarmSeverity.Alarm;
            hits.Add(CauseHit.ForDevice(AlarmCauses.DeviceOffline, severity, device,
                device.LastSeen is { } last ? $"silent since {last:HH:mm:ss}" : null));
        }
    }
}
