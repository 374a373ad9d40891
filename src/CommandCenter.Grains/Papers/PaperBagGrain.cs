using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Grains.Papers;

/// <summary>
/// One paper bag and its state machine. An event first passes the bag's own checks (registered, its site,
/// the next step, its room), then the site ledger's (staff, rules, times), which appends it; only then does
/// the bag move and store its new state. A refusal changes nothing but the site's refusal count.
/// </summary>
internal sealed class PaperBagGrain(
    [PersistentState("bag")] IPersistentState<PaperBagState> state,
    TimeProvider time) : Grain, IPaperBagGrain
{
    private string BagId => this.GetPrimaryKeyString();

    public async Task<bool> Register(PaperBagSpec spec)
    {
        if (state.State.Spec is { } existing)
        {
            return existing == spec;
        }

        state.State.Spec = spec with { BagId = BagId };
        await state.WriteStateAsync();
        await Index();
        return true;
    }

    public async Task<CustodyOutcome> Apply(CustodyRecord record)
    {
        var s = state.State;
        if (s.Spec is not { } spec)
        {
            return await Refuse(record.SiteId, record, CustodyRefusal.UnknownBag, $"no bag '{BagId}' is registered", null);
        }

        if (s.MsgIds.Contains($"{record.SiteId}/{record.MsgId}"))
        {
            return CustodyOutcome.Duplicate(s.State);
        }

        if (record.SiteId != spec.SiteId)
        {
            return await Refuse(record.SiteId, record, CustodyRefusal.WrongSite, $"bag {BagId} belongs to site {spec.SiteId}", s.State);
        }

        if (!CustodyAction.Events.Contains(record.Action))
        {
            return await Refuse(spec.SiteId, record, CustodyRefusal.InvalidEvent, $"'{record.Action}' is not a custody action", s.State);
        }

        if (CustodyAction.Next(s.State, record.Action) is not { } next)
        {
            return await Refuse(spec.SiteId, record, CustodyRefusal.OutOfOrder, $"cannot '{record.Action}' a bag that is {s.State}", s.State);
        }

        if (CustodyAction.NeedsRoom(record.Action) && record.Room != spec.Room)
        {
            return await Refuse(spec.SiteId, record, CustodyRefusal.WrongRoom,
                $"bag {BagId} belongs to room {spec.Room}, not {record.Room ?? "(none)"}", s.State);
        }

        var outcome = await Ledger(spec.SiteId).Append(spec, record, s.State, next);
        if (outcome.Verdict != CustodyVerdict.Accepted)
        {
            return outcome;
        }

        await Move(record, next);
        return outcome;
    }

    public async Task<CustodyOutcome> Approve(string approvedBy, string msgId, string? note)
    {
        var s = state.State;
        var now = time.GetUtcNow();
        var record = new CustodyRecord(s.Spec?.SiteId ?? "", msgId, now, CustodyAction.Approved, null, [], null, note, now, $"api:{approvedBy}");
        if (s.Spec is not { } spec)
        {
            return CustodyOutcome.Refuse(CustodyRefusal.UnknownBag, $"no bag '{BagId}' is registered");
        }

        if (spec.Kind == BagKind.Regular)
        {
            return await Refuse(spec.SiteId, record, CustodyRefusal.InvalidEvent, "regular papers need no approval to be opened", s.State);
        }

        if (s.Approval is not null || s.State >= BagState.Opened)
        {
            return await Refuse(spec.SiteId, record, CustodyRefusal.OutOfOrder,
                s.Approval is null ? $"the bag is {s.State} already" : $"approved already by {s.Approval.ApprovedBy}", s.State);
        }

        var outcome = await Ledger(spec.SiteId).Append(spec, record, s.State, s.State);
        if (outcome.Verdict == CustodyVerdict.Accepted)
        {
            s.Approval = new BagApproval(approvedBy, now, note, outcome.Sequence!.Value);
            await state.WriteStateAsync();
        }

        return outcome;
    }

    public async Task<BagDetail?> GetDetail()
    {
        if (state.State.Spec is not { } spec)
        {
            return null;
        }

        var history = await Ledger(spec.SiteId).Entries(BagId);
        return new BagDetail(spec, Summary(spec), history, state.State.Approval);
    }

    private async Task Move(CustodyRecord record, BagState next)
    {
        var s = state.State;
        s.State = next;
        s.Since = record.Ts;
        s.Holders = record.Staff.ToArray();
        s.MsgIds.Add($"{record.SiteId}/{record.MsgId}");
        await state.WriteStateAsync();
        await Index();
    }

    private async Task<CustodyOutcome> Refuse(string siteId, CustodyRecord record, CustodyRefusal reason, string detail, BagState? at)
    {
        if (Contracts.Protocol.Identifiers.IsSiteId(siteId))
        {
            await Ledger(siteId).RecordRefusal(new CustodyViolation(time.GetUtcNow(), BagId, record.MsgId, record.Action, reason, detail, record.Source));
        }

        return CustodyOutcome.Refuse(reason, detail, at);
    }

    private Task Index() => GrainFactory.GetGrain<IBagIndexGrain>(state.State.Spec!.CountyCode).Update(Summary(state.State.Spec));

    private BagSummary Summary(PaperBagSpec spec) => new(spec.BagId, spec.ExamId, spec.SiteId, spec.Room, spec.SessionId, spec.Subject,
        spec.PaperSet, spec.Kind, state.State.State, BagPlaces.Of(state.State.State, spec), state.State.Holders, state.State.Since);

    private ISiteCustodyGrain Ledger(string siteId) => GrainFactory.GetGrain<ISiteCustodyGrain>(siteId);
}

[GenerateSerializer]
internal sealed class PaperBagState
{
    [Id(0)] public PaperBagSpec? Spec { get; set; }

    [Id(1)] public BagState State { get; set; }

    [Id(2)] public DateTimeOffset? Since { get; set; }

    [Id(3)] public IReadOnlyList<string> Holders { get; set; } = [];

    [Id(4)] public HashSet<string> MsgIds { get; set; } = new(StringComparer.Ordinal);

    [Id(5)] public BagApproval? Approval { get; set; }
}
