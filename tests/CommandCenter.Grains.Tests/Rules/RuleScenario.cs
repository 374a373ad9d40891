using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;

namespace CommandCenter.Grains.Tests.Rules;

/// <summary>One site (43010201) with two rooms and a plan of one session, 语文 09:00–11:30 on 2026-06-07.</summary>
internal static class RuleScenario
{
    public const string SiteId = "43010201";

    public static readonly ExamSession Session = new("2026-gk-yw", "语文",
        At("09:00"), At("11:30"), At("08:30"), At("09:15"), At("08:45"), At("12:30"));

    public static SitePlan TestPlan(RuleThresholds? thresholds = null) => new(
        "2026-gk", "f", thresholds ?? new RuleThresholds(), [Session],
        new PlanSite(SiteId, "一中", "八一路", 28.1, 112.9, "430102"),
        [new PlanRoom(SiteId, "001", 30, 30), new PlanRoom(SiteId, "002", 30, 2)],
        [new PlanVault("V1", VaultKind.SiteStorage, "430102", SiteId, "保管室", "vault-door")],
        [new VaultWindow("V1", At("08:00"), At("08:45"), "领取试卷", Session.SessionId)],
        [], [], []);

    public static DateTimeOffset At(string time) => DateTimeOffset.Parse($"2026-06-07T{time}:00+08:00");

    public static RuleContext Context(string time, SitePlan? plan) =>
        new(At(time), plan, plan is null ? ExamTimeline.Empty : new ExamTimeline(plan.Sessions, plan.Thresholds));

    public static RuleContext Context(string time) => Context(time, TestPlan());

    public static RuleContext Context(DateTimeOffset now, SitePlan plan) => new(now, plan, new ExamTimeline(plan.Sessions, plan.Thresholds));

    public static DeviceFacts Device(DeviceKind kind, string data = "{}", DeviceState state = DeviceState.Ok, string room = "001",
        string? lastEvent = null, DateTimeOffset? lastSeen = null) =>
        DeviceFacts.From(new DeviceView($"r{room}-{kind.ToWire()}", kind, room, state, lastSeen, lastSeen, data, lastEvent));

    public static SiteFacts Site(bool online = true, params DeviceFacts[] devices)
    {
        var site = new SiteFacts { Online = online };
        foreach (var d in devices)
        {
            site.Devices[d.Id] = d;
        }

        return site;
    }

    public static EventView Event(DeviceKind kind, string type, string? detail, string time = "08:40", string room = "001") =>
        new(SiteId, kind == DeviceKind.VaultDoor ? null : room, kind == DeviceKind.VaultDoor ? "vault-door" : $"r{room}-{kind.ToWire()}",
            kind, type, At(time), detail);
}
