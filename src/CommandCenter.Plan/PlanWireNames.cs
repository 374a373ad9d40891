using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Plan;

/// <summary>How enums are written in plan files.</summary>
public static class PlanWireNames
{
    public static IReadOnlyDictionary<string, StaffRole> Roles { get; } = new Dictionary<string, StaffRole>(StringComparer.Ordinal)
    {
        ["chief"] = StaffRole.Chief,
        ["deputy_chief"] = StaffRole.DeputyChief,
        ["invigilator"] = StaffRole.Invigilator,
        ["inspector"] = StaffRole.Inspector,
        ["video_monitor"] = StaffRole.VideoMonitor,
        ["vault_keeper"] = StaffRole.VaultKeeper,
        ["supervisor"] = StaffRole.Supervisor,
        ["staff"] = StaffRole.Staff,
    };

    public static IReadOnlyDictionary<string, VaultKind> VaultKinds { get; } = new Dictionary<string, VaultKind>(StringComparer.Ordinal)
    {
        ["site_storage"] = VaultKind.SiteStorage,
        ["county_vault"] = VaultKind.CountyVault,
    };

    public static IReadOnlyDictionary<string, BagKind> BagKinds { get; } = new Dictionary<string, BagKind>(StringComparer.Ordinal)
    {
        ["regular"] = BagKind.Regular,
        ["spare"] = BagKind.Spare,
        ["backup"] = BagKind.Backup,
    };

    public static string ToWire(this BagKind kind) => BagKinds.First(k => k.Value == kind).Key;

    public static string ToWire(this StaffRole role) => Roles.First(r => r.Value == role).Key;

    public static string ToWire(this VaultKind kind) => VaultKinds.First(k => k.Value == kind).Key;
}
