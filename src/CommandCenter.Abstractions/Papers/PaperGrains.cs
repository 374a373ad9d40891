namespace CommandCenter.Abstractions.Papers;

/// <summary>
/// A paper bag (试卷袋), key the id printed on it. Owns the bag's state machine; appends every accepted
/// event to its site's ledger and reports its summary to its county's index (both leaf grains, called
/// upwards and awaited).
/// </summary>
public interface IPaperBagGrain : IGrainWithStringKey
{
    /// <summary>Registers the bag; false when it exists with a different spec (the same spec again changes nothing).</summary>
    Task<bool> Register(PaperBagSpec spec);

    Task<CustodyOutcome> Apply(CustodyRecord record);

    /// <summary>Step one for a spare or backup bag: a commander's approval, recorded in the ledger.</summary>
    Task<CustodyOutcome> Approve(string approvedBy, string msgId, string? note);

    /// <summary>Null when no bag with this id is registered.</summary>
    Task<BagDetail?> GetDetail();
}

/// <summary>
/// A site's custody ledger, key the site id: the hash-chained log of every accepted custody event of the
/// site's bags, the refused ones with their reasons, and the plan checks (staff, opening times) that need
/// the site's part of the plan. A leaf: it calls only the plan and rules grains, which call nobody.
/// </summary>
public interface ISiteCustodyGrain : IGrainWithStringKey
{
    /// <summary>Checks staff and times against the plan and appends; nothing is stored when refused.</summary>
    Task<CustodyOutcome> Append(PaperBagSpec spec, CustodyRecord record, BagState from, BagState to);

    /// <summary>Counts and keeps a refusal the bag decided itself (unknown bag, order, room, site).</summary>
    Task RecordRefusal(CustodyViolation violation);

    Task<IReadOnlyList<LedgerEntry>> Entries(string? bagId);

    /// <summary>Recomputes the chain from storage (not from memory), so a changed stored entry is found.</summary>
    Task<LedgerVerification> Verify();

    Task<SiteCustodyView> GetView();

    /// <summary>Records a vault duty shift (24-hour duty, 值班); refused when it names staff not in the plan or ends before it starts.</summary>
    Task<string?> RecordDuty(VaultDutyShift shift);

    /// <summary>
    /// The times the site's vault held papers with nobody on duty (longer than the rules' tolerance); raises a
    /// <c>vault_duty_gap</c> alarm at the site for each. Run by a timer while the vault holds papers.
    /// </summary>
    Task<IReadOnlyList<DutyGap>> CheckDutyCoverage();
}

/// <summary>Who kept watch over the site's vault, from when to when, as recorded by whom.</summary>
[GenerateSerializer, Immutable]
public sealed record VaultDutyShift(
    [property: Id(0)] IReadOnlyList<string> Staff,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] string? Note);

/// <summary>A site's custody counters and recent refusals.</summary>
[GenerateSerializer, Immutable]
public sealed record SiteCustodyView(
    [property: Id(0)] string SiteId,
    [property: Id(1)] long Entries,
    [property: Id(2)] string LastHash,
    [property: Id(3)] IReadOnlyDictionary<CustodyRefusal, long> Refusals,
    [property: Id(4)] IReadOnlyList<CustodyViolation> RecentViolations,
    [property: Id(5)] IReadOnlyList<VaultDutyShift> DutyShifts,
    [property: Id(6)] IReadOnlyList<DutyGap>? DutyGaps = null);

/// <summary>The bags of one county (key the 6-digit county code) and where each is; bags report here.</summary>
public interface IBagIndexGrain : IGrainWithStringKey
{
    Task Update(BagSummary summary);

    Task<IReadOnlyList<BagSummary>> List(BagState? state);
}

/// <summary>The handling rules of an exam, key the exam id. A leaf grain.</summary>
public interface IHandlingRulesGrain : IGrainWithStringKey
{
    Task<HandlingRules> Get();

    Task Set(HandlingRules rules);
}
