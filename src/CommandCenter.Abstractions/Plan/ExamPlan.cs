using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Abstractions.Plan;

/// <summary>
/// Everything the command center knows of one exam before the day: its sessions, sites, rooms, vaults,
/// devices, staff and inspectors' sites, and the thresholds its rules use. Imported from CSV or JSON
/// (see docs/exam-plan.md); flat lists, as the tables are, so every row keeps its own place in the file.
/// <see cref="Fingerprint"/> is a hash of the content, so re-importing the same plan changes nothing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExamPlan(
    [property: Id(0)] string ExamId,
    [property: Id(1)] string Name,
    [property: Id(2)] RuleThresholds Thresholds,
    [property: Id(3)] IReadOnlyList<ExamSession> Sessions,
    [property: Id(4)] IReadOnlyList<PlanSite> Sites,
    [property: Id(5)] IReadOnlyList<PlanRoom> Rooms,
    [property: Id(6)] IReadOnlyList<PlanVault> Vaults,
    [property: Id(7)] IReadOnlyList<VaultWindow> VaultWindows,
    [property: Id(8)] IReadOnlyList<PlanDevice> Devices,
    [property: Id(9)] IReadOnlyList<PlanStaff> Staff,
    [property: Id(10)] IReadOnlyList<InspectorAssignment> Inspectors,
    [property: Id(11)] string Fingerprint,
    [property: Id(12)] IReadOnlyList<PlanBag>? Bags = null)
{
    /// <summary>The paper bags the plan registers (an optional table; none in plans stored before it existed).</summary>
    public IReadOnlyList<PlanBag> BagList => Bags ?? [];

    /// <summary>The specs of the plan's bags, each with its session's subject.</summary>
    public IEnumerable<PaperBagSpec> BagSpecs()
    {
        var subjects = Sessions.ToDictionary(s => s.SessionId, s => s.Subject, StringComparer.Ordinal);
        return BagList.Select(b => b.ToSpec(ExamId, subjects.GetValueOrDefault(b.SessionId, b.SessionId)));
    }

    /// <summary>Every listed site's part of the plan (sessions and thresholds are the exam's), cut in one pass.</summary>
    public IReadOnlyDictionary<string, SitePlan> SitePlans()
    {
        var rooms = Rooms.ToLookup(r => r.SiteId);
        var vaults = Vaults.Where(v => v.SiteId is not null).ToLookup(v => v.SiteId!);
        var windows = VaultWindows.ToLookup(w => w.VaultId);
        var devices = Devices.ToLookup(d => d.SiteId);
        var staff = Staff.Where(s => s.SiteId is not null).ToLookup(s => s.SiteId!);
        var inspectors = Inspectors.ToLookup(i => i.SiteId);
        return Sites.ToDictionary(s => s.SiteId, s => new SitePlan(
            ExamId,
            Fingerprint,
            Thresholds,
            Sessions,
            s,
            rooms[s.SiteId].ToList(),
            vaults[s.SiteId].ToList(),
            vaults[s.SiteId].SelectMany(v => windows[v.VaultId]).ToList(),
            devices[s.SiteId].ToList(),
            staff[s.SiteId].ToList(),
            inspectors[s.SiteId].Select(i => i.StaffId).ToList()), StringComparer.Ordinal);
    }

    /// <summary>The slice of a site the plan does not list: the exam's sessions and thresholds only.</summary>
    public SitePlan Unlisted() => new(ExamId, Fingerprint, Thresholds, Sessions, null, [], [], [], [], [], []);
}

/// <summary>One site's slice of the plan; <see cref="Site"/> is null when the plan does not list the site.</summary>
[GenerateSerializer, Immutable]
public sealed record SitePlan(
    [property: Id(0)] string ExamId,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] RuleThresholds Thresholds,
    [property: Id(3)] IReadOnlyList<ExamSession> Sessions,
    [property: Id(4)] PlanSite? Site,
    [property: Id(5)] IReadOnlyList<PlanRoom> Rooms,
    [property: Id(6)] IReadOnlyList<PlanVault> Vaults,
    [property: Id(7)] IReadOnlyList<VaultWindow> VaultWindows,
    [property: Id(8)] IReadOnlyList<PlanDevice> Devices,
    [property: Id(9)] IReadOnlyList<PlanStaff> Staff,
    [property: Id(10)] IReadOnlyList<string> InspectorStaffIds);
