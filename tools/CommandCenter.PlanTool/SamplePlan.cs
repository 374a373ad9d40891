using System.Globalization;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Plan;
using CommandCenter.Simulator.Model;

namespace CommandCenter.PlanTool;

/// <summary>
/// The plan of the simulated Hunan exam day: the simulation's sites, rooms and devices (so every device
/// the simulator reports is planned), the 2026 gaokao's first two days, staff, vaults and inspectors.
/// </summary>
public static class SamplePlan
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static ExamPlan Build(ProvinceModel model, DateOnly firstDay)
    {
        var sessions = Sessions(firstDay);
        var sites = new List<PlanSite>();
        var rooms = new List<PlanRoom>();
        var devices = new List<PlanDevice>();
        var vaults = new List<PlanVault>();
        var windows = new List<VaultWindow>();
        var staff = new List<PlanStaff>();
        var inspectors = new List<InspectorAssignment>();
        var bags = new List<PlanBag>();
        foreach (var site in model.Sites)
        {
            sites.Add(new PlanSite(site.SiteId, site.Name, $"{site.Name}校区", Math.Round(site.Location.Lat, 6), Math.Round(site.Location.Lon, 6), site.CountyCode));
            foreach (var room in site.Rooms)
            {
                rooms.Add(new PlanRoom(site.SiteId, room.Room, room.Candidates, room.Candidates));
            }

            var vaultId = "V" + site.SiteId;
            devices.AddRange(site.AllDevices.Select(d => new PlanDevice(site.SiteId, d.DeviceId, d.Kind, d.Room, InVault(d) ? vaultId : null)));
            bags.AddRange(Bags(site, sessions[0]));
            vaults.Add(new PlanVault(vaultId, VaultKind.SiteStorage, site.CountyCode, site.SiteId, site.Name + "试卷保管室", "vault-door"));
            foreach (var s in sessions)
            {
                windows.Add(new VaultWindow(vaultId, s.BagOpening - TimeSpan.FromMinutes(45), s.BagOpening, "领取试卷", s.SessionId));
                windows.Add(new VaultWindow(vaultId, s.End, s.End + TimeSpan.FromMinutes(60), "答卷入库", s.SessionId));
            }

            staff.Add(new PlanStaff(StaffId(site.SiteId, 1), "主考" + site.SiteId, StaffRole.Chief, site.SiteId, null, null));
            staff.Add(new PlanStaff(StaffId(site.SiteId, 2), "副主考" + site.SiteId, StaffRole.DeputyChief, site.SiteId, null, null));
            staff.Add(new PlanStaff(StaffId(site.SiteId, 3), "保密员" + site.SiteId, StaffRole.VaultKeeper, site.SiteId, null, null));
            staff.Add(new PlanStaff(StaffId(site.SiteId, 4), "纪检" + site.SiteId, StaffRole.Supervisor, site.SiteId, null, null));
            var number = 10;
            foreach (var room in site.Rooms)
            {
                staff.Add(new PlanStaff(StaffId(site.SiteId, number++), $"监考{site.SiteId}-{room.Room}A", StaffRole.Invigilator, site.SiteId, null, null));
                staff.Add(new PlanStaff(StaffId(site.SiteId, number++), $"监考{site.SiteId}-{room.Room}B", StaffRole.Invigilator, site.SiteId, null, null));
            }
        }

        foreach (var county in model.Sites.GroupBy(s => s.CountyCode))
        {
            vaults.Add(new PlanVault("V" + county.Key, VaultKind.CountyVault, county.Key, null, county.Key + "试卷保密室", null));
            foreach (var day in sessions.GroupBy(s => DateOnly.FromDateTime(s.Start.DateTime)))
            {
                var first = day.Min(s => s.Start);
                windows.Add(new VaultWindow("V" + county.Key, first - TimeSpan.FromHours(3), first - TimeSpan.FromHours(1), "分发试卷", null));
            }

            var inspector = "X" + county.Key;
            staff.Add(new PlanStaff(inspector, "巡考员" + county.Key, StaffRole.Inspector, null, county.Key, "inspector-" + county.Key));
            inspectors.AddRange(county.Select(s => new InspectorAssignment(inspector, s.SiteId)));
        }

        var plan = new ExamPlan(
            "2026-gk", "2026年普通高等学校招生全国统一考试（湖南）", new RuleThresholds(),
            sessions, sites, rooms, vaults, windows, devices, staff, inspectors, "", bags);
        return plan with { Fingerprint = PlanBuilder.Fingerprint(plan) };
    }

    // The simulator's vault door and cameras stand in the site's storage room.
    private static bool InVault(SimDevice device) => device.Room is null && device.DeviceId.StartsWith("vault-", StringComparison.Ordinal);

    // The first session's papers: one set-A bag per room, and one set-B backup bag per site (kept for a leak).
    private static IEnumerable<PlanBag> Bags(SimSite site, ExamSession session)
    {
        foreach (var room in site.Rooms)
        {
            yield return new PlanBag($"{session.SessionId}-{site.SiteId}-{room.Room}-A", session.SessionId, site.SiteId, room.Room, "A", room.Candidates, BagKind.Regular);
        }

        var first = site.Rooms[0];
        yield return new PlanBag($"{session.SessionId}-{site.SiteId}-{first.Room}-B", session.SessionId, site.SiteId, first.Room, "B", first.Candidates, BagKind.Backup);
    }

    private static List<ExamSession> Sessions(DateOnly firstDay)
    {
        var second = firstDay.AddDays(1);
        return
        [
            Session("2026-gk-yw", "语文", firstDay, 9, 0, 150, zeroReportAt: (12, 30)),
            Session("2026-gk-sx", "数学", firstDay, 15, 0, 120, zeroReportAt: (18, 30)),
            Session("2026-gk-wl", "物理/历史", second, 9, 0, 75, zeroReportAt: (12, 30)),
            Session("2026-gk-wy", "外语", second, 15, 0, 120, zeroReportAt: (18, 30)),
        ];
    }

    private static ExamSession Session(string id, string subject, DateOnly day, int hour, int minute, int minutes, (int H, int M) zeroReportAt)
    {
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), Beijing);
        return new ExamSession(id, subject, start, start.AddMinutes(minutes), start.AddMinutes(-30), start.AddMinutes(15), start.AddMinutes(-15),
            new DateTimeOffset(day.ToDateTime(new TimeOnly(zeroReportAt.H, zeroReportAt.M)), Beijing));
    }

    private static string StaffId(string siteId, int number) => "A" + siteId + number.ToString("D3", CultureInfo.InvariantCulture);
}
