using System.Security.Cryptography;
using System.Text.Json;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;

namespace CommandCenter.Plan;

/// <summary>
/// Checks a raw plan field by field and across tables (a room's site exists, sessions do not overlap, …)
/// and builds the plan only when nothing is wrong: a plan with problems is never half-built.
/// </summary>
public sealed class PlanBuilder(RegionCatalog regions)
{
    /// <summary>At most this many problems are listed; a wholly wrong file would otherwise list thousands.</summary>
    public const int MaxProblems = 500;

    public PlanReadResult Build(RawPlan raw)
    {
        var problems = new List<PlanProblem>(raw.Problems);
        var exam = new RowReader(raw.ExamFile, 1, "", raw.Exam, problems);
        var examId = exam.Id("examId");
        var name = exam.Required("name");
        var thresholds = ReadThresholds(exam);

        var sessions = Rows(raw, "sessions", problems, r => ReadSession(r, thresholds)).ToList();
        CheckUnique(sessions, s => s.Value.SessionId, "sessionId", problems);
        CheckNoOverlap(sessions, problems);

        var sites = Rows(raw, "sites", problems, ReadSite).ToList();
        CheckUnique(sites, s => s.Value.SiteId, "siteId", problems);
        var siteIds = sites.Select(s => s.Value.SiteId).ToHashSet(StringComparer.Ordinal);

        var rooms = Rows(raw, "rooms", problems, r => ReadRoom(r, siteIds)).ToList();
        CheckUnique(rooms, r => r.Value.SiteId + "/" + r.Value.Room, "room", problems);
        var roomKeys = rooms.Select(r => r.Value.SiteId + "/" + r.Value.Room).ToHashSet(StringComparer.Ordinal);

        var devices = Rows(raw, "devices", problems, r => ReadDevice(r, siteIds, roomKeys)).ToList();
        CheckUnique(devices, d => d.Value.SiteId + "/" + d.Value.DeviceId, "deviceId", problems);
        var deviceKeys = devices.Select(d => d.Value.SiteId + "/" + d.Value.DeviceId).ToHashSet(StringComparer.Ordinal);

        var vaults = Rows(raw, "vaults", problems, r => ReadVault(r, siteIds, deviceKeys)).ToList();
        CheckUnique(vaults, v => v.Value.VaultId, "vaultId", problems);
        var vaultIds = vaults.Select(v => v.Value.VaultId).ToHashSet(StringComparer.Ordinal);
        var sessionIds = sessions.Select(s => s.Value.SessionId).ToHashSet(StringComparer.Ordinal);

        var windows = Rows(raw, "vaultWindows", problems, r => ReadWindow(r, vaultIds, sessionIds)).ToList();
        CheckDevicePlacement(devices, vaults, problems);

        var staff = Rows(raw, "staff", problems, r => ReadStaff(r, siteIds)).ToList();
        CheckUnique(staff, s => s.Value.StaffId, "staffId", problems);
        var staffRoles = staff.GroupBy(s => s.Value.StaffId).ToDictionary(g => g.Key, g => g.First().Value.Role, StringComparer.Ordinal);

        var inspectors = Rows(raw, "inspectors", problems, r => ReadInspector(r, staffRoles, siteIds)).ToList();
        CheckUnique(inspectors, i => i.Value.StaffId + "/" + i.Value.SiteId, "siteId", problems);

        var bags = Rows(raw, "bags", problems, r => ReadBag(r, sessionIds, roomKeys)).ToList();
        CheckUnique(bags, b => b.Value.BagId, "bagId", problems);

        // A file that could not be read has no rows; saying so again would only bury the real problem.
        if (raw.Tables["sessions"].Count == 0 && raw.Problems.Count == 0)
        {
            problems.Add(new PlanProblem(raw.ExamFile, 1, "sessions", "a plan needs at least one session"));
        }

        if (raw.Tables["sites"].Count == 0 && raw.Problems.Count == 0)
        {
            problems.Add(new PlanProblem(raw.ExamFile, 1, "sites", "a plan needs at least one site"));
        }

        if (problems.Count > 0)
        {
            return new PlanReadResult(null, Limit(problems));
        }

        var plan = new ExamPlan(examId, name, thresholds,
            Values(sessions), Values(sites), Values(rooms), Values(vaults), Values(windows), Values(devices), Values(staff), Values(inspectors), "", Values(bags));
        return new PlanReadResult(plan with { Fingerprint = Fingerprint(plan) }, []);
    }

    /// <summary>SHA-256 of the plan's content: equal plans (from CSV or JSON alike) have equal fingerprints.</summary>
    public static string Fingerprint(ExamPlan plan) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(plan with { Fingerprint = "" })));

    private static IReadOnlyList<PlanProblem> Limit(List<PlanProblem> problems)
    {
        var ordered = problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        if (ordered.Count <= MaxProblems)
        {
            return ordered;
        }

        var kept = ordered.Take(MaxProblems).ToList();
        kept.Add(new PlanProblem(ordered[MaxProblems].File, ordered[MaxProblems].Line, "…", $"and {ordered.Count - MaxProblems} more problems"));
        return kept;
    }

    private static List<T> Values<T>(List<Located<T>> rows) => rows.Select(r => r.Value).ToList();

    private static IEnumerable<Located<T>> Rows<T>(RawPlan raw, string table, List<PlanProblem> problems, Func<RowReader, T> read)
    {
        foreach (var row in raw.Tables[table])
        {
            var reader = new RowReader(row, problems);
            var before = problems.Count;
            var value = read(reader);
            if (problems.Count == before)
            {
                yield return new Located<T>(row, value);
            }
        }
    }

    private static void CheckUnique<T>(List<Located<T>> rows, Func<Located<T>, string> key, string field, List<PlanProblem> problems)
    {
        var first = new Dictionary<string, RawRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!first.TryAdd(key(row), row.Row))
            {
                problems.Add(new PlanProblem(row.Row.File, row.Row.Line, row.Row.FieldPrefix + field,
                    $"'{key(row)}' is already listed on line {first[key(row)].Line}"));
            }
        }
    }

    private static void CheckNoOverlap(List<Located<ExamSession>> sessions, List<PlanProblem> problems)
    {
        var ordered = sessions.OrderBy(s => s.Value.EntryOpens).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var (previous, next) = (ordered[i - 1], ordered[i]);
            if (next.Value.EntryOpens < previous.Value.End)
            {
                problems.Add(new PlanProblem(next.Row.File, next.Row.Line, next.Row.FieldPrefix + "entryOpens",
                    $"session '{next.Value.SessionId}' overlaps '{previous.Value.SessionId}' (line {previous.Row.Line}), which ends at {previous.Value.End:yyyy-MM-dd HH:mm zzz}"));
            }
        }
    }

    private static RuleThresholds ReadThresholds(RowReader exam)
    {
        var d = new RuleThresholds();
        var t = new RuleThresholds
        {
            OfflineMissedIntervals = exam.Int("offlineMissedIntervals", 1, 100, d.OfflineMissedIntervals),
            StatusInterval = TimeSpan.FromSeconds(exam.Int("statusIntervalSeconds", 1, 3600, (int)d.StatusInterval.TotalSeconds)),
            ClockWarningMs = exam.Int("clockWarningMs", 1, 600_000, d.ClockWarningMs),
            ClockAlarmMs = exam.Int("clockAlarmMs", 1, 600_000, d.ClockAlarmMs),
            ReadinessLead = TimeSpan.FromMinutes(exam.Int("readinessLeadMinutes", 1, 24 * 60, (int)d.ReadinessLead.TotalMinutes)),
            RoomReadyLead = TimeSpan.FromMinutes(exam.Int("roomReadyLeadMinutes", 1, 24 * 60, (int)d.RoomReadyLead.TotalMinutes)),
            CollectionWindow = TimeSpan.FromMinutes(exam.Int("collectionWindowMinutes", 0, 24 * 60, (int)d.CollectionWindow.TotalMinutes)),
            EscalateAfter = TimeSpan.FromMinutes(exam.Int("escalateAfterMinutes", 1, 24 * 60, (int)d.EscalateAfter.TotalMinutes)),
            StormThreshold = exam.Int("stormThreshold", 2, 100_000, d.StormThreshold),
            AgentOfflineAfter = TimeSpan.FromSeconds(exam.Int("agentOfflineAfterSeconds", 0, 3600, (int)d.AgentOfflineAfter.TotalSeconds)),
            ClearAfter = TimeSpan.FromSeconds(exam.Int("clearAfterSeconds", 0, 3600, (int)d.ClearAfter.TotalSeconds)),
        };
        foreach (var (field, message) in t.Validate())
        {
            exam.Problem(char.ToLowerInvariant(field[0]) + field[1..], message);
        }

        return t;
    }

    private static ExamSession ReadSession(RowReader r, RuleThresholds thresholds)
    {
        var s = new ExamSession(r.Id("sessionId"), r.Required("subject"), r.Time("start"), r.Time("end"),
            r.Time("entryOpens"), r.Time("entryCloses"), r.Time("bagOpening"), r.OptionalTime("zeroReportDue"));
        if (r.HasProblems)
        {
            return s;
        }

        if (s.End <= s.Start)
        {
            r.Problem("end", $"the session ends ({s.End:yyyy-MM-dd HH:mm zzz}) before it starts ({s.Start:yyyy-MM-dd HH:mm zzz})");
        }

        if (s.EntryOpens > s.Start)
        {
            r.Problem("entryOpens", "entry must open before the session starts");
        }

        if (s.EntryCloses < s.EntryOpens || s.EntryCloses > s.End)
        {
            r.Problem("entryCloses", "entry must close after it opens and before the session ends");
        }

        if (s.BagOpening > s.Start || s.BagOpening < s.Start - thresholds.ReadinessLead)
        {
            r.Problem("bagOpening", "the bag is opened before the start, within the readiness lead");
        }

        if (s.ZeroReportDue is { } due && due < s.Start)
        {
            r.Problem("zeroReportDue", "the zero-report is due after the session starts");
        }

        return s;
    }

    private PlanSite ReadSite(RowReader r)
    {
        var siteId = r.Required("siteId");
        var countyCode = r.Required("countyCode");
        if (siteId.Length > 0 && !Identifiers.IsSiteId(siteId))
        {
            r.Problem("siteId", $"must be 8 digits (county code and a 2-digit number), not '{siteId}'");
        }
        else if (siteId.Length > 0 && countyCode.Length > 0 && RegionCodes.CountyOfSite(siteId) != countyCode)
        {
            r.Problem("countyCode", $"'{countyCode}' is not the county of site {siteId} (its first six digits)");
        }

        if (countyCode.Length > 0 && regions.Find(countyCode) is not { Level: RegionLevel.County })
        {
            r.Problem("countyCode", $"'{countyCode}' is not a county of {regions.Province.Name}");
        }

        return new PlanSite(siteId, r.Required("name"), r.Required("address"), r.Double("lat", -90, 90), r.Double("lon", -180, 180), countyCode);
    }

    private static PlanRoom ReadRoom(RowReader r, HashSet<string> siteIds)
    {
        var siteId = KnownSite(r, "siteId", siteIds, required: true)!;
        var room = r.Required("room");
        if (room.Length > 0 && !Identifiers.IsRoom(room))
        {
            r.Problem("room", $"must be 3 digits, not '{room}'");
        }

        var capacity = r.Int("capacity", 1, 999);
        var expected = r.Int("expectedCandidates", 0, 999);
        if (expected > capacity)
        {
            r.Problem("expectedCandidates", $"{expected} candidates do not fit in {capacity} seats");
        }

        return new PlanRoom(siteId, room, capacity, expected);
    }

    private static PlanDevice ReadDevice(RowReader r, HashSet<string> siteIds, HashSet<string> roomKeys)
    {
        var siteId = KnownSite(r, "siteId", siteIds, required: true)!;
        var deviceId = r.Id("deviceId");
        var kindText = r.Required("kind");
        if (!DeviceKinds.TryParse(kindText, out var kind) && kindText.Length > 0)
        {
            r.Problem("kind", $"'{kindText}' is not a device kind; known: {string.Join(", ", DeviceKinds.All.Select(k => k.ToWire()))}");
        }

        var room = r.Optional("room");
        if (room is not null && !roomKeys.Contains(siteId + "/" + room))
        {
            r.Problem("room", $"room '{room}' is not a room of site {siteId} in rooms");
        }

        var vaultId = r.Optional("vaultId");
        if (vaultId is not null && room is not null)
        {
            r.Problem("vaultId", "a device is in a room or in a vault, not both");
        }

        return new PlanDevice(siteId, deviceId, kind, room, vaultId);
    }

    // Devices are read before vaults (a vault names its door device), so their placement is checked afterwards.
    private static void CheckDevicePlacement(List<Located<PlanDevice>> devices, List<Located<PlanVault>> vaults, List<PlanProblem> problems)
    {
        var siteOfVault = vaults.ToDictionary(v => v.Value.VaultId, v => v.Value.SiteId, StringComparer.Ordinal);
        foreach (var (row, device) in devices.Where(d => d.Value.VaultId is not null).Select(d => (d.Row, d.Value)))
        {
            if (!siteOfVault.TryGetValue(device.VaultId!, out var site) || site != device.SiteId)
            {
                problems.Add(new PlanProblem(row.File, row.Line, row.FieldPrefix + "vaultId",
                    $"'{device.VaultId}' is not a vault of site {device.SiteId} in vaults"));
            }
        }
    }

    private static PlanBag ReadBag(RowReader r, HashSet<string> sessionIds, HashSet<string> roomKeys)
    {
        var bagId = r.Id("bagId");
        var sessionId = r.Required("sessionId");
        if (sessionId.Length > 0 && !sessionIds.Contains(sessionId))
        {
            r.Problem("sessionId", $"'{sessionId}' is not a session in sessions");
        }

        var siteId = r.Required("siteId");
        var room = r.Required("room");
        if (siteId.Length > 0 && room.Length > 0 && !roomKeys.Contains(siteId + "/" + room))
        {
            r.Problem("room", $"room '{room}' of site '{siteId}' is not in rooms");
        }

        var paperSet = r.Required("paperSet");
        if (paperSet.Length > 8)
        {
            r.Problem("paperSet", "a paper set is a short name (A, B, C…), at most 8 characters");
        }

        var count = r.Int("count", 0, 10_000);
        var kindText = r.Optional("kind") ?? "regular";
        if (!PlanWireNames.BagKinds.TryGetValue(kindText, out var kind))
        {
            r.Problem("kind", $"'{kindText}' is not a bag kind; known: {string.Join(", ", PlanWireNames.BagKinds.Keys)}");
        }

        return new PlanBag(bagId, sessionId, siteId, room, paperSet, count, kind);
    }

    private PlanVault ReadVault(RowReader r, HashSet<string> siteIds, HashSet<string> deviceKeys)
    {
        var vaultId = r.Id("vaultId");
        var kindText = r.Required("kind");
        if (!PlanWireNames.VaultKinds.TryGetValue(kindText, out var kind) && kindText.Length > 0)
        {
            r.Problem("kind", $"'{kindText}' is not a vault kind; known: {string.Join(", ", PlanWireNames.VaultKinds.Keys)}");
        }

        var countyCode = r.Required("countyCode");
        if (countyCode.Length > 0 && regions.Find(countyCode) is not { Level: RegionLevel.County })
        {
            r.Problem("countyCode", $"'{countyCode}' is not a county of {regions.Province.Name}");
        }

        var siteId = KnownSite(r, "siteId", siteIds, required: kind == VaultKind.SiteStorage);
        if (siteId is not null && countyCode.Length > 0 && RegionCodes.CountyOfSite(siteId) != countyCode)
        {
            r.Problem("countyCode", $"site {siteId} is not in county {countyCode}");
        }

        var door = r.Optional("doorDeviceId");
        if (door is not null && (siteId is null || !deviceKeys.Contains(siteId + "/" + door)))
        {
            r.Problem("doorDeviceId", $"'{door}' is not a device of site {siteId} in devices");
        }

        return new PlanVault(vaultId, kind, countyCode, siteId, r.Required("name"), door);
    }

    private static VaultWindow ReadWindow(RowReader r, HashSet<string> vaultIds, HashSet<string> sessionIds)
    {
        var vaultId = r.Required("vaultId");
        if (vaultId.Length > 0 && !vaultIds.Contains(vaultId))
        {
            r.Problem("vaultId", $"'{vaultId}' is not a vault in vaults");
        }

        var from = r.Time("from");
        var to = r.Time("to");
        if (to <= from && !r.HasProblems)
        {
            r.Problem("to", "a window ends after it starts");
        }

        var sessionId = r.Optional("sessionId");
        if (sessionId is not null && !sessionIds.Contains(sessionId))
        {
            r.Problem("sessionId", $"'{sessionId}' is not a session in sessions");
        }

        return new VaultWindow(vaultId, from, to, r.Required("purpose"), sessionId);
    }

    private PlanStaff ReadStaff(RowReader r, HashSet<string> siteIds)
    {
        var staffId = r.Id("staffId");
        var roleText = r.Required("role");
        if (!PlanWireNames.Roles.TryGetValue(roleText, out var role) && roleText.Length > 0)
        {
            r.Problem("role", $"'{roleText}' is not a role; known: {string.Join(", ", PlanWireNames.Roles.Keys)}");
        }

        var siteId = KnownSite(r, "siteId", siteIds, required: false);
        var regionCode = r.Optional("regionCode");
        if (regionCode is not null && regions.Find(regionCode) is null)
        {
            r.Problem("regionCode", $"'{regionCode}' is not a region of {regions.Province.Name}");
        }

        return new PlanStaff(staffId, r.Required("name"), role, siteId, regionCode, r.Optional("account"));
    }

    private static InspectorAssignment ReadInspector(RowReader r, Dictionary<string, StaffRole> staffRoles, HashSet<string> siteIds)
    {
        var staffId = r.Required("staffId");
        if (staffId.Length > 0 && !staffRoles.TryGetValue(staffId, out var role))
        {
            r.Problem("staffId", $"'{staffId}' is not in staff");
        }
        else if (staffId.Length > 0 && staffRoles[staffId] != StaffRole.Inspector)
        {
            r.Problem("staffId", $"'{staffId}' is not an inspector in staff");
        }

        return new InspectorAssignment(staffId, KnownSite(r, "siteId", siteIds, required: true)!);
    }

    private static string? KnownSite(RowReader r, string field, HashSet<string> siteIds, bool required)
    {
        var siteId = required ? r.Required(field) : r.Optional(field);
        if (siteId is { Length: > 0 } && !siteIds.Contains(siteId))
        {
            r.Problem(field, $"site '{siteId}' is not in sites");
        }

        return siteId;
    }

    private sealed record Located<T>(RawRow Row, T Value);
}
