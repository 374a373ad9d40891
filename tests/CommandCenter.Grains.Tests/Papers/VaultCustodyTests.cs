using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Papers;

[Collection(ClusterCollection.Name)]
public sealed class VaultCustodyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task a_vault_door_opened_with_too_few_staff_or_staff_not_in_the_plan_raises_an_alarm()
    {
        await fixture.Grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).Store(CustodyPlan.Plan);
        await fixture.Grains.GetGrain<IHandlingRulesGrain>(CustodyPlan.Exam).Set(new HandlingRules());
        const string site = CustodyPlan.Site;
        var vault = fixture.Grains.GetGrain<IVaultGrain>(site);
        var now = fixture.Time.GetUtcNow();

        await vault.Apply([Door("opened", "C001 D001", now)]);
        Assert.Empty(await ShortStaffed(site));

        await vault.Apply([Door("opened", "C001", now.AddMinutes(1))]);
        var alarm = Assert.Single(await ShortStaffed(site));
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Contains("1 staff named, 2 needed", alarm.Detail, StringComparison.Ordinal);

        await vault.Apply([Door("opened", "C001 NOBODY", now.AddMinutes(2))]);
        Assert.Contains(await ShortStaffed(site), a => a.Detail!.Contains("NOBODY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task duty_shifts_are_recorded_and_shifts_with_unknown_staff_or_backwards_times_refused()
    {
        await fixture.Grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).Store(CustodyPlan.Plan);
        var ledger = fixture.Grains.GetGrain<ISiteCustodyGrain>(CustodyPlan.OtherSite);
        var from = DateTimeOffset.Parse("2026-06-06T08:00:00+08:00");
        Assert.Null(await ledger.RecordDuty(new VaultDutyShift(["X001", "K001"], from, from.AddHours(24), "chief", from, null)));
        Assert.NotNull(await ledger.RecordDuty(new VaultDutyShift(["X001", "NOBODY"], from, from.AddHours(24), "chief", from, null)));
        Assert.NotNull(await ledger.RecordDuty(new VaultDutyShift(["X001"], from, from.AddHours(-1), "chief", from, null)));
        var shift = Assert.Single((await ledger.GetView()).DutyShifts);
        Assert.Equal(["X001", "K001"], shift.Staff);
    }

    [Fact]
    public void a_vault_needs_two_cameras_online_and_recording()
    {
        const string recording = """{"online":true,"recording":true}""";
        var door = Vault("vault-door", DeviceKind.VaultDoor, """{"closed":true,"locked":true}""");
        Assert.Single(Check(Site(true, door, Vault("vault-cam1", DeviceKind.Camera, recording))));
        Assert.Single(Check(Site(true, door, Vault("vault-cam1", DeviceKind.Camera, recording),
            Vault("vault-cam2", DeviceKind.Camera, """{"online":true,"recording":false}"""))));
        Assert.Single(Check(Site(true, door, Vault("vault-cam1", DeviceKind.Camera, recording),
            Vault("vault-cam2", DeviceKind.Camera, recording, DeviceState.Offline))));
        Assert.Empty(Check(Site(true, door, Vault("vault-cam1", DeviceKind.Camera, recording), Vault("vault-cam2", DeviceKind.Camera, recording))));
        Assert.Empty(Check(Site(true, Device(DeviceKind.Camera, recording))));
        Assert.Empty(Check(Site(true, door)));
        Assert.Empty(Check(Site(true, door, Vault("vault-cam1", DeviceKind.Camera, recording), Vault("vault-cam2", DeviceKind.Camera, "{}", DeviceState.Unknown))));
        Assert.Empty(Check(Site(false, door, Vault("vault-cam1", DeviceKind.Camera, recording))));
    }

    [Fact]
    public void the_plans_vault_placement_decides_which_cameras_watch_the_vault_not_their_names()
    {
        const string recording = """{"online":true,"recording":true}""";
        var plan = TestPlan() with
        {
            Devices =
            [
                new PlanDevice("43010201", "cam-east", DeviceKind.Camera, null, "V43010201"),
                new PlanDevice("43010201", "cam-west", DeviceKind.Camera, null, "V43010201"),
                new PlanDevice("43010201", "vault-gate", DeviceKind.Camera, null),
            ],
        };
        var context = Context("03:00", plan);
        List<CauseHit> CheckPlaced(SiteFacts site)
        {
            var hits = new List<CauseHit>();
            new VaultCameraRule().Check(site, context, hits);
            return hits;
        }

        // Two cameras named vault… but only one of them placed in the vault: short of cameras.
        Assert.Single(CheckPlaced(Site(true, Vault("cam-east", DeviceKind.Camera, recording), Vault("vault-gate", DeviceKind.Camera, recording))));
        // A placed camera the site never reports does not watch.
        Assert.Single(CheckPlaced(Site(true, Vault("cam-east", DeviceKind.Camera, recording))));
        Assert.Empty(CheckPlaced(Site(true, Vault("cam-east", DeviceKind.Camera, recording), Vault("cam-west", DeviceKind.Camera, recording))));
        // The fallback by name still holds where the plan places nothing.
        Assert.Single(Check(Site(true, Vault("vault-cam1", DeviceKind.Camera, recording))));
    }

    [Fact]
    public async Task a_site_whose_vault_has_one_recording_camera_gets_the_alarm_and_a_second_camera_clears_it()
    {
        const string site = "43010388";
        var now = fixture.Time.GetUtcNow();
        var grain = fixture.Grains.GetGrain<ISiteGrain>(site);
        await grain.SetPresence(true, "t", now, [new InventoryItem("vault-cam1", DeviceKind.Camera, null), new InventoryItem("vault-cam2", DeviceKind.Camera, null)]);
        await fixture.Grains.GetGrain<IVaultGrain>(site).SetInventory([new InventoryItem("vault-door", DeviceKind.VaultDoor, null)]);
        await grain.Apply([Camera("vault-cam1", true, now), Camera("vault-cam2", false, now)]);
        await grain.EvaluateRules();
        Assert.Contains(await grain.GetAlarms(false), a => a.Cause == AlarmCauses.VaultCamerasInsufficient && a.CauseActive);

        await grain.Apply([Camera("vault-cam2", true, now.AddSeconds(1))]);
        await grain.EvaluateRules();
        Assert.DoesNotContain(await grain.GetAlarms(false), a => a.Cause == AlarmCauses.VaultCamerasInsufficient && a.CauseActive);
    }

    private static DeviceUpdate Camera(string id, bool recording, DateTimeOffset ts) =>
        new($"cam-{Guid.NewGuid():N}", id, DeviceKind.Camera, null, ts, ts, false, recording ? DeviceState.Ok : DeviceState.Fault, null, null, null,
            $$"""{"online":true,"recording":{{(recording ? "true" : "false")}}}""");

    private static List<CauseHit> Check(SiteFacts site)
    {
        var hits = new List<CauseHit>();
        new VaultCameraRule().Check(site, Context("03:00"), hits);
        return hits;
    }

    private static DeviceFacts Vault(string id, DeviceKind kind, string data, DeviceState state = DeviceState.Ok) =>
        DeviceFacts.From(new DeviceView(id, kind, null, state, null, null, data, null));

    private static DeviceUpdate Door(string type, string staff, DateTimeOffset ts) =>
        new($"door-{Guid.NewGuid():N}", "vault-door", DeviceKind.VaultDoor, null, ts, ts, true, null, type, null, staff,
            $$"""{"type":"{{type}}","staff":[]}""");

    private async Task<IReadOnlyList<AlarmView>> ShortStaffed(string site) =>
        (await fixture.Grains.GetGrain<ISiteGrain>(site).GetAlarms(false)).Where(a => a.Cause == AlarmCauses.VaultShortStaffed).ToList();
}
