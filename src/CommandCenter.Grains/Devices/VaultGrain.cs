using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using Microsoft.Extensions.Options;

namespace CommandCenter.Grains.Devices;

/// <summary>
/// A site's paper storage room: its door sensors, and the custody check of each opening: the staff the door
/// event names must be enough for the exam's handling rules and listed in the plan, else an alarm at the site.
/// (An opening outside the vault's windows is the site's VaultDoorRule; the cameras are the site's VaultCameraRule.)
/// </summary>
[CollectionAgeLimit(Days = 2)]
internal sealed class VaultGrain(
    IOptions<LivenessOptions> liveness,
    TimeProvider time,
    [PersistentState("vault", StorageNames.Live)] IPersistentState<DeviceTableState> state)
    : DeviceHolderGrain(liveness, time, state), IVaultGrain
{
    public const string Key = GrainKeys.Vault;

    protected override string SiteId => this.GetPrimaryKeyString();

    protected override string HolderKey => Key;

    protected override bool IsRoom => false;

    protected override async Task Applied(IReadOnlyList<EventView> events)
    {
        // Only openings that name their staff are checked: an event without a staff list says nothing about who was there.
        var openings = events.Where(e => e.Kind == DeviceKind.VaultDoor && e.Type == "opened" && !string.IsNullOrWhiteSpace(e.Detail)).ToList();
        if (openings.Count == 0)
        {
            return;
        }

        // Leaf grains (they call nobody), then upwards to the site: no cycle.
        var plan = await Grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetPlan();
        var rules = plan is null ? new HandlingRules() : await Grains.GetGrain<IHandlingRulesGrain>(plan.ExamId).Get();
        var site = Grains.GetGrain<ISiteGrain>(SiteId);
        foreach (var opening in openings)
        {
            var staff = (opening.Detail ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
            var unknown = plan is null ? [] : staff.Where(s => !plan.Staff.Any(p => p.StaffId == s && (p.SiteId == SiteId || (p.SiteId is null && p.RegionCode is { } r && SiteId.StartsWith(r.EndsWith("00", StringComparison.Ordinal) ? r[..4] : r, StringComparison.Ordinal))))).ToList();
            if (staff.Count < rules.VaultMinStaff || unknown.Count > 0)
            {
                var why = unknown.Count > 0 ? $"staff {string.Join(", ", unknown)} not in the plan" : $"{staff.Count} staff named, {rules.VaultMinStaff} needed";
                await site.RaiseAlarm(AlarmCauses.VaultShortStaffed, $"{AlarmCauses.VaultShortStaffed}/{opening.DeviceId}/{opening.Ts.ToUnixTimeSeconds()}",
                    AlarmSeverity.Critical, null, $"vault door {opening.DeviceId} opened {opening.Ts:yyyy-MM-dd HH:mm:ss zzz}: {why}");
            }
        }
    }
}
