using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// A vault is watched around the clock by at least two cameras online and recording (handling rules'
/// default). Vault cameras are the site-level cameras whose id starts with <c>vault</c> (the protocol has no
/// place for them; the simulator names them so). Checked whenever the site reports at least one vault camera
/// (a site that names its cameras otherwise cannot be told apart from one without), in every phase: papers
/// lie in the vault between sessions too.
/// </summary>
internal sealed class VaultCameraRule : ISiteRule
{
    private static readonly int MinCameras = new HandlingRules().VaultMinCameras;

    public void Check(SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        var hasVault = false;
        var watching = 0;
        var notYetReported = 0;
        foreach (var device in site.Devices.Values)
        {
            if (device.Kind != DeviceKind.Camera || !IsVaultCamera(device))
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

    private static bool IsVaultCamera(DeviceFacts device) => device.Room is null && device.Id.StartsWith("vault", StringComparison.OrdinalIgnoreCase);
}
