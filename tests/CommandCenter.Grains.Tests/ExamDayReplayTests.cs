using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;

namespace CommandCenter.Grains.Tests;

/// <summary>
/// A whole morning of an exam day (07:30–13:00, one status per device every 10 s) replayed against the grains
/// with a manual clock, with faults injected at known times: exactly the expected alarms are raised, none
/// twice, and each goes through the expected lifecycle.
/// </summary>
public sealed class ExamDayReplayTests(ExamDayFixture fixture) : IClassFixture<ExamDayFixture>
{
    private const string SiteA = "43010201";
    private const string SiteB = "43010202";
    private static readonly string[] Rooms = ["001", "002", "003"];
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private static readonly ExamSession Chinese = new("2026-gk-yw", "语文",
        At("09:00"), At("11:30"), At("08:30"), At("09:15"), At("08:45"), At("12:30"));

    private readonly IGrainFactory _grains = fixture.Grains;
    private long _msg;

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse($"2026-06-07T{time}+08:00");

    [Fact]
    public async Task a_simulated_exam_morning_raises_exactly_the_expected_alarms_through_their_lifecycle()
    {
        await StorePlan();
        foreach (var site in new[] { SiteA, SiteB })
        {
            await _grains.Announce(site, true, "t", Now, Inventory());
        }

        var agentBOnline = true;
        while (Now < At("13:00:00"))
        {
            var now = Now;
            var t = now.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm:ss");
            var a = _grains.GetGrain<ISiteGrain>(SiteA);
            var b = _grains.GetGrain<ISiteGrain>(SiteB);

            // Site B's agent drops 10:30–10:35: no statuses then.
            if (t == "10:30:00")
            {
                agentBOnline = false;
                await _grains.Announce(SiteB, false, null, now, []);
            }

            if (t == "10:35:00")
            {
                agentBOnline = true;
                await _grains.Announce(SiteB, true, "t", now, Inventory());
            }

            await SendStatuses(SiteA, now, t);
            if (agentBOnline)
            {
                await SendStatuses(SiteB, now, t);
            }

            await InjectEvents(t, now);
            await Act(a, b, t);
            await a.EvaluateRules();
            await b.EvaluateRules();

            if (t == "09:20:00")
            {
                await AssertCandidateFlow();
            }

            fixture.Time.Advance(Step);
        }

        var alarmsA = await _grains.GetGrain<ISiteGrain>(SiteA).GetAlarms(includeClosed: true);
        var alarmsB = await _grains.GetGrain<ISiteGrain>(SiteB).GetAlarms(includeClosed: true);

        Assert.Equal(
            new[]
            {
                "clock_offset r003-clock resolved 1 raised 10:00:00",
                "jammer_off r002-jammer cleared 1 raised 08:30:00",
                "metal_detector_alarm r001-md open 2 raised 08:35:00",
                "room_not_ready 002 cleared 1 raised 08:30:00",
                "vault_opened_outside_window vault-door open 1 raised 12:45:00",
                "zero_report_missing 2026-gk-yw open 1 raised 12:30:00",
            },
            alarmsA.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[]
            {
                "agent_offline - cleared 1 raised 10:30:40",
                "camera_not_recording r001-cam cleared 2 raised 09:30:00",
                "identity_mismatch r001-id resolved 1 raised 08:50:00",
            },
            alarmsB.Select(Describe).Order(StringComparer.Ordinal));

        // Lifecycle details.
        var clock = alarmsA.Single(x => x.Cause == AlarmCauses.ClockOffset);
        Assert.Equal(("commander-1", At("10:02:00")), (clock.Acknowledged!.By, clock.Acknowledged.At));
        Assert.Equal(("X0001", At("10:03:00")), (clock.DispatchedTo, clock.Dispatched!.At));
        Assert.Equal(("inspector-1", "已校准", At("10:10:00")), (clock.Closed!.By, clock.Closed.Note, clock.Closed.At));
        Assert.Equal(AlarmSeverity.Alarm, clock.Severity);
        Assert.Equal(EscalationLevel.County, clock.Escalation);

        var jammer = alarmsA.Single(x => x.Cause == AlarmCauses.JammerOff);
        Assert.Equal((AlarmBook.System, At("08:40:30")), (jammer.Closed!.By, jammer.Closed.At));

        var mismatch = alarmsB.Single(x => x.Cause == AlarmCauses.IdentityMismatch);
        Assert.Equal(("64301020200107", AlarmSeverity.Critical, EscalationLevel.Province), (mismatch.Detail, mismatch.Severity, mismatch.Escalation));
        Assert.Equal(("chief-b", At("09:30:00")), (mismatch.Closed!.By, mismatch.Closed.At));

        var md = alarmsA.Single(x => x.Cause == AlarmCauses.MetalDetector);
        Assert.Equal((EscalationLevel.Province, At("08:36:00")), (md.Escalation, md.LastSeen));

        Assert.Equal(At("10:35:30"), alarmsB.Single(x => x.Cause == AlarmCauses.AgentOffline).Closed!.At);
        Assert.DoesNotContain(alarmsB, x => x.Cause == AlarmCauses.DeviceOffline);

        // A step on a closed alarm changes nothing; the county lists the unclosed ones.
        Assert.Equal(AlarmActionOutcome.Closed, (await _grains.GetGrain<ISiteGrain>(SiteA).Acknowledge(clock.Id, "x")).Outcome);
        Assert.Equal(AlarmActionOutcome.NotFound, (await _grains.GetGrain<ISiteGrain>(SiteA).Acknowledge(SiteA + "-0-1", "x")).Outcome);
        var county = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("430102").GetAlarms(),
            l => l.Count(x => !x.IsClosed) == 3);
        Assert.Equal(
            [AlarmCauses.MetalDetector, AlarmCauses.VaultOpened, AlarmCauses.ZeroReportMissing],
            county.Where(x => !x.IsClosed).Select(x => x.Cause).Order(StringComparer.Ordinal));
        var province = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("43").GetSnapshot(), s => s.Tally.AlarmsOpen == 3);
        Assert.Equal(3, province.Tally.AlarmsOpen);
    }

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private async Task StorePlan()
    {
        var sites = new[] { SiteA, SiteB };
        var plan = new ExamPlan("2026-gk", "2026年普通高考", new RuleThresholds(), [Chinese],
            sites.Select(s => new PlanSite(s, "考点" + s, "长沙", 28.19, 112.98, "430102")).ToList(),
            sites.SelectMany(s => Rooms.Select(r => new PlanRoom(s, r, 30, 30))).ToList(),
            sites.Select(s => new PlanVault("V" + s, VaultKind.SiteStorage, "430102", s, "保管室", "vault-door")).ToList(),
            sites.Select(s => new VaultWindow("V" + s, At("08:00"), At("08:45"), "领取试卷", Chinese.SessionId)).ToList(),
            [], [], [], "replay");
        await _grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).Store(plan);
        foreach (var (siteId, slice) in plan.SitePlans())
        {
            await _grains.GetGrain<ISiteGrain>(siteId).ApplyPlan(slice);
        }
    }

    private async Task SendStatuses(string site, DateTimeOffset now, string t)
    {
        foreach (var room in Rooms)
        {
            var jammerOn = string.CompareOrdinal(t, "08:20:00") >= 0 && !(site == SiteA && room == "002" && string.CompareOrdinal(t, "08:40:00") < 0);
            var drift = site == SiteA && room == "003" && string.CompareOrdinal(t, "10:00:00") >= 0 && string.CompareOrdinal(t, "10:15:00") < 0;
            var cameraDown = site == SiteB && room == "001" && t is "09:30:00" or "09:30:40";
            var updates = new List<DeviceUpdate>
            {
                Status(room, DeviceKind.Clock, drift ? DeviceState.Fault : DeviceState.Ok, now,
                    $$"""{"offsetMs":{{(drift ? 3500 : 12)}},"synced":true,"source":"bds"}"""),
                Status(room, DeviceKind.Jammer, DeviceState.Ok, now, $$"""{"on":{{(jammerOn ? "true" : "false")}},"fault":null}"""),
                Status(room, DeviceKind.MetalDetector, DeviceState.Ok, now, """{"ready":true,"batteryPct":90}"""),
                Status(room, DeviceKind.IdReader, DeviceState.Ok, now, """{"ready":true}"""),
                Status(room, DeviceKind.Camera, cameraDown ? DeviceState.Fault : DeviceState.Ok, now,
                    $$"""{"online":true,"recording":{{(cameraDown ? "false" : "true")}},"fps":25}"""),
            };
            await _grains.GetGrain<IRoomGrain>(GrainKeys.Room(site, room)).Apply(updates);
        }

        await _grains.GetGrain<IVaultGrain>(site).Apply([Status(null, DeviceKind.VaultDoor, DeviceState.Ok, now, """{"closed":true,"locked":true}""", "vault-door")]);
    }

    private async Task InjectEvents(string t, DateTimeOffset now)
    {
        var roomA1 = _grains.GetGrain<IRoomGrain>(GrainKeys.Room(SiteA, "001"));
        var vaultA = _grains.GetGrain<IVaultGrain>(SiteA);
        switch (t)
        {
            case "08:10:00":
            case "12:45:00":
                await vaultA.Apply([Event(null, DeviceKind.VaultDoor, "opened", now, """{"type":"opened","staff":["A0102"]}""", deviceId: "vault-door")]);
                break;
            case "08:35:00":
            case "08:36:00":
                await roomA1.Apply([Event("001", DeviceKind.MetalDetector, "alarm", now, """{"type":"alarm","ticket":"64301020100101"}""", ticket: "64301020100101")]);
                break;
            case "08:50:00":
                await _grains.GetGrain<IRoomGrain>(GrainKeys.Room(SiteB, "001")).Apply(
                    [Event("001", DeviceKind.IdReader, "verify", now, "{}", ticket: "64301020200107", result: "mismatch")]);
                break;
            case "12:00:00":
                await _grains.GetGrain<ISiteGrain>(SiteB).RecordReport(new SiteReport("r-b", now, "zero", Chinese.SessionId, "无异常", "A0201"));
                break;
        }

        // 28 of the 30 candidates of site A room 001 are verified between 08:35 and 08:50 (one ticket twice).
        if (string.CompareOrdinal(t, "08:35:00") >= 0 && string.CompareOrdinal(t, "08:50:00") < 0 && now.Second % 30 == 0)
        {
            var seat = (int)(now - At("08:35:00")).TotalSeconds / 30;
            var verifies = new[] { seat * 2 + 1, seat * 2 + 2, 1 }.Where(s => s <= 28)
                .Select(s => Event("001", DeviceKind.IdReader, "verify", now, "{}", ticket: $"6{SiteA}001{s:D2}", result: "match"))
                .ToList();
            await roomA1.Apply(verifies);
        }
    }

    private async Task Act(ISiteGrain a, ISiteGrain b, string t)
    {
        switch (t)
        {
            case "09:30:00":
                var mismatch = (await b.GetAlarms(false)).Single(x => x.Cause == AlarmCauses.IdentityMismatch);
                Assert.Equal(AlarmActionOutcome.Done, (await b.Resolve(mismatch.Id, "chief-b", "考生本人，照片旧")).Outcome);
                break;
            case "10:02:00":
                var clock = (await a.GetAlarms(false)).Single(x => x.Cause == AlarmCauses.ClockOffset);
                Assert.Equal(AlarmActionOutcome.Done, (await a.Acknowledge(clock.Id, "commander-1")).Outcome);
                break;
            case "10:03:00":
                var ack = (await a.GetAlarms(false)).Single(x => x.Cause == AlarmCauses.ClockOffset);
                Assert.Equal(AlarmActionOutcome.Done, (await a.Dispatch(ack.Id, "commander-1", "X0001")).Outcome);
                break;
            case "10:10:00":
                var sent = (await a.GetAlarms(false)).Single(x => x.Cause == AlarmCauses.ClockOffset);
                Assert.Equal(AlarmActionOutcome.Done, (await a.Resolve(sent.Id, "inspector-1", "已校准")).Outcome);
                break;
        }
    }

    private async Task AssertCandidateFlow()
    {
        var detail = (await _grains.GetGrain<ISiteGrain>(SiteA).GetDetail())!;
        var room = detail.Rooms.Single(r => r.Code == "001").Tally;
        Assert.Equal((30, 28, 2), (room.CandidatesExpected, room.CandidatesPresent, room.CandidatesAbsent));
        Assert.Equal((90, 28, 62), (detail.Tally.CandidatesExpected, detail.Tally.CandidatesPresent, detail.Tally.CandidatesAbsent));
        var county = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("430102").GetSnapshot(),
            s => s.Tally.CandidatesPresent == 28 && s.Tally.CandidatesAbsent == 180 - 28);
        Assert.Equal((180, 28, 152), (county.Tally.CandidatesExpected, county.Tally.CandidatesPresent, county.Tally.CandidatesAbsent));
    }

    private static string Describe(AlarmView a) =>
        $"{a.Cause} {a.DeviceId ?? a.Room ?? (a.Cause == AlarmCauses.ZeroReportMissing ? a.Detail : "-")} {a.State.ToString().ToLowerInvariant()} {a.Count} raised {a.FirstSeen.ToOffset(TimeSpan.FromHours(8)):HH:mm:ss}";

    private static IReadOnlyList<InventoryItem> Inventory() =>
        Rooms.SelectMany(r => new[]
        {
            new InventoryItem($"r{r}-clock", DeviceKind.Clock, r), new InventoryItem($"r{r}-jammer", DeviceKind.Jammer, r),
            new InventoryItem($"r{r}-md", DeviceKind.MetalDetector, r), new InventoryItem($"r{r}-id", DeviceKind.IdReader, r),
            new InventoryItem($"r{r}-cam", DeviceKind.Camera, r),
        }).Append(new InventoryItem("vault-door", DeviceKind.VaultDoor, null)).ToList();

    private DeviceUpdate Status(string? room, DeviceKind kind, DeviceState state, DateTimeOffset now, string data, string? deviceId = null) =>
        new($"m{++_msg}", deviceId ?? DeviceOf(room!, kind), kind, room, now, now, false, state, null, null, null, data);

    private DeviceUpdate Event(string? room, DeviceKind kind, string type, DateTimeOffset now, string data,
        string? deviceId = null, string? ticket = null, string? result = null) =>
        new($"m{++_msg}", deviceId ?? DeviceOf(room!, kind), kind, room, now, now, true, null, type, ticket, result, data);

    private static string DeviceOf(string room, DeviceKind kind) => kind switch
    {
        DeviceKind.Clock => $"r{room}-clock",
        DeviceKind.Jammer => $"r{room}-jammer",
        DeviceKind.MetalDetector => $"r{room}-md",
        DeviceKind.IdReader => $"r{room}-id",
        _ => $"r{room}-cam",
    };
}
