namespace CommandCenter.Abstractions.Papers;

/// <summary>What became of one custody event.</summary>
[GenerateSerializer]
public enum CustodyVerdict
{
    /// <summary>Applied and appended to the site's ledger at <see cref="CustodyOutcome.Sequence"/>.</summary>
    Accepted = 0,
    /// <summary>Its (site, msgId) was seen before: no effect.</summary>
    Duplicate = 1,
    /// <summary>Refused with a reason; nothing changed but the site's refusal count.</summary>
    Refused = 2,
}

[GenerateSerializer, Immutable]
public sealed record CustodyOutcome(
    [property: Id(0)] CustodyVerdict Verdict,
    [property: Id(1)] CustodyRefusal? Reason,
    [property: Id(2)] string? Detail,
    [property: Id(3)] BagState? State,
    [property: Id(4)] long? Sequence)
{
    public static CustodyOutcome Refuse(CustodyRefusal reason, string detail, BagState? state = null) =>
        new(CustodyVerdict.Refused, reason, detail, state, null);

    public static CustodyOutcome Duplicate(BagState? state) => new(CustodyVerdict.Duplicate, null, "seen before", state, null);
}
