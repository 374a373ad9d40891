using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Grains.Tests.Papers;

/// <summary>A small plan for the custody tests: one session, two sites in 430103, their staff and the county's.</summary>
internal static class CustodyPlan
{
    public const string Exam = "2026-gk-custody";
    public const string Session = "2026-gk-yw";
    public const string Site = "43010301";
    public const string OtherSite = "43010302";
    public const string TamperSite = "43010309";
    public const string Chief = "C001";
    public const string Deputy = "D001";
    public static readonly string[] SiteStaff = ["S001", "S002", "S003"];
    public static readonly string[] CountyStaff = ["K001", "K002", "K003", "K004"];

    /// <summary>Bag opening 08:45 (+08:00); the manual clock starts at 07:30.</summary>
    public static readonly DateTimeOffset BagOpening = DateTimeOffset.Parse("2026-06-07T08:45:00+08:00");

    public static ExamPlan Plan { get; } = new(
        Exam, "custody tests", new RuleThresholds(),
        [new ExamSession(Session, "语文", DateTimeOffset.Parse("2026-06-07T09:00:00+08:00"), DateTimeOffset.Parse("2026-06-07T11:30:00+08:00"),
            DateTimeOffset.Parse("2026-06-07T08:30:00+08:00"), DateTimeOffset.Parse("2026-06-07T09:15:00+08:00"), BagOpening, null)],
        [new PlanSite(Site, "一中", "路 1", 28.2, 113.0, "430103"), new PlanSite(OtherSite, "二中", "路 2", 28.2, 113.0, "430103"),
            new PlanSite(TamperSite, "九中", "路 9", 28.2, 113.0, "430103")],
        [new PlanRoom(Site, "001", 30, 30), new PlanRoom(Site, "002", 30, 30), new PlanRoom(OtherSite, "001", 30, 30)],
        [], [], [],
        [
            new PlanStaff(Chief, "主考", StaffRole.Chief, Site, null, null),
            new PlanStaff(Deputy, "副主考", StaffRole.DeputyChief, Site, null, null),
            .. SiteStaff.Select(s => new PlanStaff(s, s, StaffRole.Staff, Site, null, null)),
            .. CountyStaff.Select(s => new PlanStaff(s, s, StaffRole.Staff, null, "430103", null)),
            new PlanStaff("X001", "other site", StaffRole.Staff, OtherSite, null, null),
        ],
        [], "custody-plan-1");

    private static int _bags;

    public static PaperBagSpec NewSpec(BagKind kind = BagKind.Regular, string room = "001", string site = Site) =>
        new($"T{Interlocked.Increment(ref _bags):D5}-{Guid.NewGuid():N}"[..24], Exam, Session, "语文", site, room, kind == BagKind.Regular ? "A" : "B", 30, kind);

    private static int _msg;

    public static CustodyRecord Event(string action, DateTimeOffset ts, string[] staff, string? room = null, string site = Site, string? msgId = null) =>
        new(site, msgId ?? $"m-{Interlocked.Increment(ref _msg)}-{Guid.NewGuid():N}"[..32], ts, action, room, staff, 30, null, ts);

    /// <summary>The legal path, with the staff each step needs by the default rules, as (action, room, staff).</summary>
    public static IReadOnlyList<(string Action, string? Room, string[] Staff)> Path(string room = "001") =>
    [
        (CustodyAction.Stored, null, CountyStaff[..2]),
        (CustodyAction.CheckedOut, null, CountyStaff[..3]),
        (CustodyAction.Dispatched, null, CountyStaff[..3]),
        (CustodyAction.Received, null, [Chief, SiteStaff[0]]),
        (CustodyAction.Stored, null, [Chief, SiteStaff[0]]),
        (CustodyAction.HandedOver, room, [SiteStaff[1], SiteStaff[2]]),
        (CustodyAction.Opened, room, [SiteStaff[1], SiteStaff[2]]),
        (CustodyAction.Sealed, room, [SiteStaff[1], SiteStaff[2]]),
        (CustodyAction.Returned, null, [SiteStaff[1], SiteStaff[2]]),
        (CustodyAction.Received, null, CountyStaff[..2]),
    ];
}
