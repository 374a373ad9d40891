using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// A vault door opened outside every authorized window of its vault (plan: vaultWindows) is a critical alarm,
/// closed only by a person. Needs a plan that names the door (vaults.doorDeviceId).
/// </summary>
internal sealed class VaultDoorRule : IEventRule
{
    public void Check(EventView ev, RuleContext context, List<CauseHit> hits)
    {
        if (ev.Kind != DeviceKind.VaultDoor || ev.Type != "opened" || context.Plan is not { } plan)
        {
            return;
        }

        var vaults = plan.Vaults.Where(v => v.DoorDeviceId == ev.DeviceId).Select(v => v.VaultId).ToHashSet(StringComparer.Ordinal);
        if (vaults.Count == 0)
        {
            return;
        }

        var allowed = plan.VaultWindows.Any(w => vaults.Contains(w.VaultId) && ev.Ts >= w.From && ev.Ts < w.To);
        if (!allowed)
        {
            hits.Add(new CauseHit(AlarmCauses.VaultOpened, AlarmCauses.VaultOpened + "/" + ev.DeviceId, AlarmSeverity.Critical,
                ev.Room, ev.DeviceId, $"opened {ev.Ts:yyyy-MM-dd HH:mm:ss zzz}"));
        }
    }
}
