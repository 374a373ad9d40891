using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Grains.Papers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static CommandCenter.Grains.Tests.Papers.CustodyPlan;

namespace CommandCenter.Grains.Tests.Papers;

[Collection(ClusterCollection.Name)]
public sealed class HandlingRuleTests(ClusterFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Before = DateTimeOffset.Parse("2026-06-07T07:40:00+08:00");
    private static readonly DateTimeOffset After = BagOpening.AddMinutes(1);

    public async Task InitializeAsync()
    {
        await fixture.Grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).Store(CustodyPlan.Plan);
        await Rules().Set(new HandlingRules());
    }

    public Task DisposeAsync() => Rules().Set(new HandlingRules());

    [Fact]
    public async Task checking_out_and_dispatching_need_three_staff()
    {
        var bag = await BagAt(BagState.StoredInVault);
        Assert.Equal(CustodyRefusal.TooFewStaff, (await bag.Apply(Event(CustodyAction.CheckedOut, Before, CountyStaff[..2]))).Reason);
        Assert.Equal(CustodyRefusal.TooFewStaff, (await bag.Apply(Event(CustodyAction.CheckedOut, Before, ["K001", "K002", "K002"]))).Reason);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.CheckedOut, Before, CountyStaff[..3]))).Verdict);
        Assert.Equal(CustodyRefusal.TooFewStaff, (await bag.Apply(Event(CustodyAction.Dispatched, Before, CountyStaff[..2]))).Reason);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.Dispatched, Before, CountyStaff[..3]))).Verdict);
    }

    [Fact]
    public async Task sealing_and_returning_answer_sheets_need_two_staff()
    {
        var bag = await BagAt(BagState.Opened);
        Assert.Equal(CustodyRefusal.TooFewStaff, (await bag.Apply(Event(CustodyAction.Sealed, After, [SiteStaff[1]], "001"))).Reason);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.Sealed, After, [SiteStaff[1], SiteStaff[2]], "001"))).Verdict);
        Assert.Equal(CustodyRefusal.TooFewStaff, (await bag.Apply(Event(CustodyAction.Returned, After, [SiteStaff[1]]))).Reason);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.Returned, After, [SiteStaff[1], SiteStaff[2]]))).Verdict);
    }

    [Fact]
    public async Task the_minimums_are_set_per_exam()
    {
        await Rules().Set(new HandlingRules { SortingDispatchMinStaff = 4, AnswerSheetMinStaff = 3 });
        var bag = await BagAt(BagState.StoredInVault);
        Assert.Equal(CustodyRefusal.TooFewStaff, (await bag.Apply(Event(CustodyAction.CheckedOut, Before, CountyStaff[..3]))).Reason);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.CheckedOut, Before, CountyStaff[..4]))).Verdict);
        await Assert.ThrowsAsync<ArgumentException>(() => Rules().Set(new HandlingRules { AnswerSheetMinStaff = 0 }));
    }

    [Fact]
    public async Task backup_papers_open_only_after_approval_and_with_chief_and_deputy_both_recorded()
    {
        var bag = await BagAt(BagState.HandedToRoom, BagKind.Backup);
        Assert.Equal(CustodyRefusal.ApprovalMissing, (await bag.Apply(Event(CustodyAction.Opened, After, [Chief, Deputy], "001"))).Reason);

        var approval = await bag.Approve("commander1", "approve-" + Guid.NewGuid().ToString("N"), "set A leaked");
        Assert.Equal(CustodyVerdict.Accepted, approval.Verdict);
        Assert.Equal(CustodyRefusal.OutOfOrder, (await bag.Approve("commander1", "approve-again-" + Guid.NewGuid().ToString("N"), null)).Reason);

        Assert.Equal(CustodyRefusal.ChiefAndDeputyRequired, (await bag.Apply(Event(CustodyAction.Opened, After, [Chief, SiteStaff[0]], "001"))).Reason);
        Assert.Equal(CustodyRefusal.TooFewStaff, (await bag.Apply(Event(CustodyAction.Opened, After, [Chief], "001"))).Reason);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.Opened, After, [Chief, Deputy], "001"))).Verdict);

        var detail = (await bag.GetDetail())!;
        Assert.Equal("commander1", detail.Approval!.ApprovedBy);
        var approved = Assert.Single(detail.History, h => h.Action == CustodyAction.Approved);
        var opened = Assert.Single(detail.History, h => h.Action == CustodyAction.Opened);
        Assert.Equal("api:commander1", approved.Source);
        Assert.Equal([Chief, Deputy], opened.Staff);
        Assert.True(approved.Sequence < opened.Sequence);
    }

    [Fact]
    public async Task regular_papers_need_no_approval_and_cannot_be_given_one()
    {
        var bag = await BagAt(BagState.HandedToRoom);
        Assert.Equal(CustodyRefusal.InvalidEvent, (await bag.Approve("commander1", "approve-" + Guid.NewGuid().ToString("N"), null)).Reason);
        Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(CustodyAction.Opened, After, [SiteStaff[1]], "001"))).Verdict);
    }

    [Fact]
    public async Task changing_one_stored_entry_breaks_verification_at_exactly_that_entry()
    {
        for (var i = 0; i < 2; i++)
        {
            var spec = NewSpec(site: TamperSite);
            var bag = fixture.Grains.GetGrain<IPaperBagGrain>(spec.BagId);
            await bag.Register(spec);
            foreach (var action in new[] { CustodyAction.Stored, CustodyAction.CheckedOut, CustodyAction.Dispatched })
            {
                Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(action, Before, CountyStaff[..3], site: TamperSite))).Verdict);
            }
        }

        var ledger = fixture.Grains.GetGrain<ISiteCustodyGrain>(TamperSite);
        Assert.Equal(new LedgerVerification(true, null, 6, null), await ledger.Verify());

        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");
        var id = ledger.GetGrainId();
        var stored = new GrainState<SiteLedgerState>();
        await storage.ReadStateAsync("ledger", id, stored);
        stored.State!.Entries[3] = stored.State.Entries[3] with { Staff = new[] { "K001", "K002" } };
        await storage.WriteStateAsync("ledger", id, stored);

        var verification = await ledger.Verify();
        Assert.False(verification.Ok);
        Assert.Equal(4, verification.BrokenAt);
    }

    private IHandlingRulesGrain Rules() => fixture.Grains.GetGrain<IHandlingRulesGrain>(Exam);

    private async Task<IPaperBagGrain> BagAt(BagState state, BagKind kind = BagKind.Regular)
    {
        var spec = NewSpec(kind);
        var bag = fixture.Grains.GetGrain<IPaperBagGrain>(spec.BagId);
        Assert.True(await bag.Register(spec));
        foreach (var (action, room, staff) in Path().Take((int)state))
        {
            Assert.Equal(CustodyVerdict.Accepted, (await bag.Apply(Event(action, action == CustodyAction.Opened ? After : Before, staff, room))).Verdict);
        }

        return bag;
    }
}
