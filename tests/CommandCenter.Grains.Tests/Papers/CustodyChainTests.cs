using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using static CommandCenter.Grains.Tests.Papers.CustodyPlan;

namespace CommandCenter.Grains.Tests.Papers;

[Collection(ClusterCollection.Name)]
public sealed class CustodyChainTests(ClusterFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Before = DateTimeOffset.Parse("2026-06-07T07:40:00+08:00");
    private static readonly DateTimeOffset After = BagOpening.AddMinutes(1);

    public async Task InitializeAsync()
    {
        await fixture.Grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).Store(CustodyPlan.Plan);
        await fixture.Grains.GetGrain<IHandlingRulesGrain>(Exam).Set(new HandlingRules());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_bag_moves_through_every_state_in_order_and_its_ledger_verifies()
    {
        var (bag, spec) = await NewBag();
        var expected = new[]
        {
            BagState.StoredInVault, BagState.CheckedOut, BagState.InTransit, BagState.ReceivedAtSite, BagState.StoredAtSite,
            BagState.HandedToRoom, BagState.Opened, BagState.AnswerSheetsSealed, BagState.Returned, BagState.ReceivedAtScanning,
        };
        var path = Path();
        for (var i = 0; i < path.Count; i++)
        {
            var outcome = await Step(bag, path[i]);
            Assert.Equal(CustodyVerdict.Accepted, outcome.Verdict);
            Assert.Equal(expected[i], outcome.State);
        }

        var detail = (await bag.GetDetail())!;
        Assert.Equal(BagState.ReceivedAtScanning, detail.Summary.State);
        Assert.Equal(10, detail.History.Count);
        Assert.Equal(path.Select(p => p.Action), detail.History.Select(h => h.Action));
        Assert.True((await Ledger().Verify()).Ok);
        Assert.Contains(await fixture.Grains.GetGrain<IBagIndexGrain>(spec.CountyCode).List(BagState.ReceivedAtScanning), b => b.BagId == spec.BagId);
    }

    [Fact]
    public async Task every_action_that_does_not_follow_from_the_state_is_refused_and_changes_nothing()
    {
        var path = Path();
        for (var reached = 0; reached <= path.Count; reached++)
        {
            var (bag, _) = await NewBag();
            foreach (var step in path.Take(reached))
            {
                Assert.Equal(CustodyVerdict.Accepted, (await Step(bag, step)).Verdict);
            }

            var before = (await bag.GetDetail())!;
            foreach (var action in CustodyAction.Events)
            {
                if (CustodyAction.Next(before.Summary.State, action) is not null)
                {
                    continue;
                }

                var outcome = await bag.Apply(Event(action, After, [.. CountyStaff[..3]], "001"));
                Assert.Equal(CustodyVerdict.Refused, outcome.Verdict);
                Assert.Equal(CustodyRefusal.OutOfOrder, outcome.Reason);
            }

            var after = (await bag.GetDetail())!;
            Assert.Equal((before.Summary.State, before.Summary.Since), (after.Summary.State, after.Summary.Since));
            Assert.Equal(before.Summary.Holders, after.Summary.Holders);
            Assert.Equal(before.History.Count, after.History.Count);
        }

        Assert.True((await Ledger().Verify()).Ok);
    }

    [Fact]
    public async Task opening_before_the_sessions_bag_opening_time_is_refused()
    {
        var (bag, _) = await BagAt(BagState.HandedToRoom);
        var early = await bag.Apply(Event(CustodyAction.Opened, BagOpening.AddSeconds(-1), [SiteStaff[1], SiteStaff[2]], "001"));
        Assert.Equal(CustodyRefusal.OpenedTooEarly, early.Reason);
        Assert.Equal(BagState.HandedToRoom, (await bag.GetDetail())!.Summary.State);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.Opened, BagOpening, [SiteStaff[1], SiteStaff[2]], "001"))).Verdict);
    }

    [Fact]
    public async Task handing_to_or_opening_in_another_room_is_refused()
    {
        var (bag, _) = await BagAt(BagState.StoredAtSite);
        Assert.Equal(CustodyRefusal.WrongRoom, (await bag.Apply(Event(CustodyAction.HandedOver, Before, [SiteStaff[1]], "002"))).Reason);
        Assert.Equal(CustodyRefusal.WrongRoom, (await bag.Apply(Event(CustodyAction.HandedOver, Before, [SiteStaff[1]], null))).Reason);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.HandedOver, Before, [SiteStaff[1]], "001"))).Verdict);
        Assert.Equal(CustodyRefusal.WrongRoom, (await bag.Apply(Event(CustodyAction.Opened, After, [SiteStaff[1]], "002"))).Reason);
        Assert.Equal(BagState.HandedToRoom, (await bag.GetDetail())!.Summary.State);
    }

    [Fact]
    public async Task an_unknown_bag_is_refused_and_counted_at_the_sending_site()
    {
        var before = await Count(CustodyRefusal.UnknownBag);
        var outcome = await fixture.Grains.GetGrain<IPaperBagGrain>("NO-SUCH-BAG-" + Guid.NewGuid().ToString("N")[..8])
            .Apply(Event(CustodyAction.Received, Before, [Chief]));
        Assert.Equal(CustodyRefusal.UnknownBag, outcome.Reason);
        Assert.Equal(before + 1, await Count(CustodyRefusal.UnknownBag));
        var alarms = await fixture.Grains.GetGrain<ISiteGrain>(Site).GetAlarms(false);
        Assert.Contains(alarms, a => a.Cause == AlarmCauses.CustodyRefused && a.Detail!.Contains("UnknownBag", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_same_msgId_again_has_no_effect()
    {
        var (bag, _) = await NewBag();
        var stored = Event(CustodyAction.Stored, Before, CountyStaff[..2]);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(stored)).Verdict);
        var entries = (await Ledger().GetView()).Entries;
        var again = await bag.Apply(stored with { ReceivedAt = stored.ReceivedAt.AddSeconds(5) });
        Assert.Equal(CustodyVerdict.Duplicate, again.Verdict);
        Assert.Equal(entries, (await Ledger().GetView()).Entries);
        Assert.Single((await bag.GetDetail())!.History);
    }

    [Fact]
    public async Task staff_not_in_the_plan_for_the_site_are_refused_and_nothing_is_appended()
    {
        var (bag, _) = await BagAt(BagState.InTransit);
        var entries = (await Ledger().GetView()).Entries;
        var stranger = await bag.Apply(Event(CustodyAction.Received, Before, [Chief, "NOBODY"]));
        Assert.Equal(CustodyRefusal.StaffNotInPlan, stranger.Reason);
        var otherSite = await bag.Apply(Event(CustodyAction.Received, Before, [Chief, "X001"]));
        Assert.Equal(CustodyRefusal.StaffNotInPlan, otherSite.Reason);
        Assert.Equal(entries, (await Ledger().GetView()).Entries);
        Assert.Equal(BagState.InTransit, (await bag.GetDetail())!.Summary.State);
    }

    [Fact]
    public async Task an_event_from_another_site_for_this_sites_bag_is_refused()
    {
        var (bag, _) = await BagAt(BagState.InTransit);
        var before = await Count(CustodyRefusal.WrongSite, OtherSite);
        var outcome = await bag.Apply(Event(CustodyAction.Received, Before, ["X001"], site: OtherSite));
        Assert.Equal(CustodyRefusal.WrongSite, outcome.Reason);
        Assert.Equal(before + 1, await Count(CustodyRefusal.WrongSite, OtherSite));
        Assert.Equal(BagState.InTransit, (await bag.GetDetail())!.Summary.State);
    }

    private async Task<(IPaperBagGrain Bag, PaperBagSpec Spec)> NewBag(BagKind kind = BagKind.Regular)
    {
        var spec = NewSpec(kind);
        var bag = fixture.Grains.GetGrain<IPaperBagGrain>(spec.BagId);
        Assert.True(await bag.Register(spec));
        return (bag, spec);
    }

    internal async Task<(IPaperBagGrain Bag, PaperBagSpec Spec)> BagAt(BagState state, BagKind kind = BagKind.Regular)
    {
        var (bag, spec) = await NewBag(kind);
        foreach (var step in Path().Take((int)state))
        {
            Assert.Equal(CustodyVerdict.Accepted, (await Step(bag, step)).Verdict);
        }

        return (bag, spec);
    }

    private static Task<CustodyOutcome> Step(IPaperBagGrain bag, (string Action, string? Room, string[] Staff) step) =>
        bag.Apply(Event(step.Action, step.Action == CustodyAction.Opened ? After : Before, step.Staff, step.Room));

    private ISiteCustodyGrain Ledger(string site = Site) => fixture.Grains.GetGrain<ISiteCustodyGrain>(site);

    private async Task<long> Count(CustodyRefusal reason, string site = Site) =>
        (await Ledger(site).GetView()).Refusals.GetValueOrDefault(reason);
}
