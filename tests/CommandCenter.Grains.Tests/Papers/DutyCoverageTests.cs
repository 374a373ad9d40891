using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using static CommandCenter.Grains.Tests.Papers.CustodyPlan;

namespace CommandCenter.Grains.Tests.Papers;

/// <summary>24-hour duty over a vault that holds papers: a period with nobody on duty is an alarm.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DutyCoverageTests(ClusterFixture fixture)
{
    private const string DutySite = "43010307";

    [Fact]
    public void gaps_are_the_holding_time_no_shift_covers_beyond_the_tolerance()
    {
        var t0 = DateTimeOffset.Parse("2026-06-06T08:00:00+08:00");
        LedgerEntry Move(int minutes, BagState from, BagState to) =>
            new(0, DutySite, Exam, "b", "m", t0.AddMinutes(minutes), t0, "x", from, to, null, [], null, null, "test", "", "");
        var entries = new[]
        {
            Move(0, BagState.ReceivedAtSite, BagState.StoredAtSite),
            Move(30, BagState.StoredAtSite, BagState.StoredAtSite), // an approval: no move
            Move(60, BagState.StoredAtSite, BagState.HandedToRoom),
            Move(120, BagState.ReceivedAtSite, BagState.StoredAtSite),
        };
        VaultDutyShift Shift(int from, int to) => new(["K001"], t0.AddMinutes(from), t0.AddMinutes(to), "chief", t0, null);

        Assert.Equal([(t0, (DateTimeOffset?)t0.AddMinutes(60)), (t0.AddMinutes(120), null)], DutyCoverage.HoldingPeriods(entries));

        var gaps = DutyCoverage.Gaps(entries, [Shift(-60, 20), Shift(25, 50), Shift(130, 200)], t0.AddMinutes(300), TimeSpan.FromMinutes(5));

        // 20–25 is within the tolerance; 50–60 is not; 120–130 is not; from 200 on nobody is on duty while the vault still holds papers.
        Assert.Equal([new DutyGap(t0.AddMinutes(50), t0.AddMinutes(60)), new DutyGap(t0.AddMinutes(120), t0.AddMinutes(130)), new DutyGap(t0.AddMinutes(200), null)], gaps);
        Assert.Empty(DutyCoverage.Gaps(entries, [Shift(-60, 400)], t0.AddMinutes(300), TimeSpan.Zero));
    }

    [Fact]
    public async Task a_vault_holding_papers_with_nobody_on_duty_raises_an_alarm_and_full_cover_raises_none()
    {
        await fixture.Grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).Store(CustodyPlan.Plan);
        await fixture.Grains.GetGrain<IHandlingRulesGrain>(Exam).Set(new HandlingRules());
        var now = fixture.Time.GetUtcNow();
        var t0 = now.AddHours(-3);
        var spec = NewSpec(site: DutySite);
        var bag = fixture.Grains.GetGrain<IPaperBagGrain>(spec.BagId);
        Assert.True(await bag.Register(spec));
        var minute = 0;
        foreach (var action in new[] { CustodyAction.Stored, CustodyAction.CheckedOut, CustodyAction.Dispatched, CustodyAction.Received, CustodyAction.Stored })
        {
            var outcome = await bag.Apply(Event(action, t0.AddMinutes(minute += 5), CountyStaff[..3], site: DutySite));
            Assert.Equal(CustodyVerdict.Accepted, outcome.Verdict);
        }

        // Stored at the site at t0+25 min; one shift from then to t0+80 min; nobody since.
        var ledger = fixture.Grains.GetGrain<ISiteCustodyGrain>(DutySite);
        Assert.Null(await ledger.RecordDuty(new VaultDutyShift(CountyStaff[..1], t0.AddMinutes(25), t0.AddMinutes(80), "chief", now, null)));

        var gap = Assert.Single(await ledger.CheckDutyCoverage());
        Assert.Equal((t0.AddMinutes(80), (DateTimeOffset?)null), (gap.From, gap.To));
        var alarm = Assert.Single((await fixture.Grains.GetGrain<ISiteGrain>(DutySite).GetAlarms(false)), a => a.Cause == AlarmCauses.VaultDutyGap);
        Assert.Contains("nobody on duty", alarm.Detail, StringComparison.Ordinal);
        Assert.Single((await ledger.GetView()).DutyGaps!);

        // The next shift starts 5 minutes later (within the 10-minute tolerance) and runs past now: covered.
        Assert.Null(await ledger.RecordDuty(new VaultDutyShift(CountyStaff[1..2], t0.AddMinutes(85), now.AddHours(1), "chief", now, null)));
        Assert.Empty(await ledger.CheckDutyCoverage());
    }
}
