using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// A vault is watched around the clock by at least two cameras online and recording (handling rules'
/// default), in every phase: papers lie in the vault between sessions too. Vault cameras are the cameras the
/// plan places in a vault (devices.vaultId); a planned vault camera the site never reports counts as not
/// watching. The edge protocol has no placement of its own, so for a site whose plan places no camera the
/// fallback is the site-level cameras whose id starts with <c>vault</c> (as the simulator names them), checked
/// once the site reports one.
/// </summary>
internal sealed class VaultCameraRule : ISiteRule
{
    private static readonly int MinCameras = new HandlingRules().VaultMinCameras;

    public void Check(SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        var planned = context.Plan?.Devices.Where(d => d.Kind == DeviceKind.Camera && d.VaultId is not null)
            .Select(d => d.DeviceId).ToHashSet(StringComparer.Ordinal) ?? [];
        var hasVault = planned.Count > 0;
        var watching = 0;
        var notYetReported = 0;
        foreach (var device in site.Devices.Values)
        {
            if (device.Kind != DeviceKind.Camera || !(planned.Count > 0 ? planned.Contains(device.Id) : IsNamedVaultCamera(device)))
            {
                continue;
            }

            hasVault = true;
            if (device.State == DeviceState.Offline)
            {
                continue;
            }

            if (device.Online is null && device.LastSeen is null)
            {
                // Announced but no status yet (an agent starting up): not judged until it reports.
                notYetReported++;
            }
            else if (device.Online == true && device.Recording == true)
            {
                watching++;
            }
        }

        if (hasVault && site.Online && watching + notYetReported < MinCameras)
        {
            hits.Add(new CauseHit(AlarmCauses.VaultCamerasInsufficient, AlarmCauses.VaultCamerasInsufficient, AlarmSeverity.Alarm, null, null,
                $"{watching} vault cameras online and recording, {MinCameras} needed"));
        }
    }

    private static bool IsNamedVaultCamera(DeviceFacts device) => device.Room is null && device.Id.StartsWith("vault", StringComparison.OrdinalIgnoreCase);
}
