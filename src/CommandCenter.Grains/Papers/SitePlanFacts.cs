using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Grains.Papers;

/// <summary>
/// What the custody checks need from the plan for one site: the staff who may handle its bags (its own,
/// and the county's, city's or province's staff, who work the vaults and transport) and the sessions.
/// Cut once per plan fingerprint.
/// </summary>
internal sealed class SitePlanFacts
{
    private readonly Dictionary<string, PlanStaff> _staff;
    private readonly Dictionary<string, ExamSession> _sessions;

    public SitePlanFacts(ExamPlan plan, string siteId)
    {
        Fingerprint = plan.Fingerprint;
        _staff = plan.Staff
            .Where(s => s.SiteId == siteId || (s.SiteId is null && s.RegionCode is { } region && siteId.StartsWith(RegionPrefix(region), StringComparison.Ordinal)))
            .ToDictionary(s => s.StaffId, StringComparer.Ordinal);
        _sessions = plan.Sessions.ToDictionary(s => s.SessionId, StringComparer.Ordinal);
    }

    public string Fingerprint { get; }

    public IReadOnlyList<string> NotInPlan(IEnumerable<string> staff) => staff.Where(s => !_staff.ContainsKey(s)).ToList();

    public bool HasRole(IEnumerable<string> staff, StaffRole role, string siteId) =>
        staff.Any(s => _staff.TryGetValue(s, out var member) && member.Role == role && member.SiteId == siteId);

    public ExamSession? Session(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    // 43 (province), 430100 (city: its counties start 4301), 430102 (county).
    private static string RegionPrefix(string code) => code.Length == 6 && code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;
}
