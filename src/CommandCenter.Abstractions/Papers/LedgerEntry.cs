namespace CommandCenter.Abstractions.Papers;

/// <summary>
/// One link of a site's custody ledger (台账). <see cref="Hash"/> is SHA-256 over
/// <see cref="PreviousHash"/> and the canonical form of everything else, so changing any stored entry
/// breaks the chain at that entry.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LedgerEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string ExamId,
    [property: Id(3)] string BagId,
    [property: Id(4)] string MsgId,
    [property: Id(5)] DateTimeOffset Ts,
    [property: Id(6)] DateTimeOffset ReceivedAt,
    [property: Id(7)] string Action,
    [property: Id(8)] BagState From,
    [property: Id(9)] BagState To,
    [property: Id(10)] string? Room,
    [property: Id(11)] IReadOnlyList<string> Staff,
    [property: Id(12)] int? Count,
    [property: Id(13)] string? Note,
    [property: Id(14)] string Source,
    [property: Id(15)] string PreviousHash,
    [property: Id(16)] string Hash);

/// <summary>The result of recomputing a ledger's chain; <see cref="BrokenAt"/> is the first link that does not hold.</summary>
[GenerateSerializer, Immutable]
public sealed record LedgerVerification(
    [property: Id(0)] bool Ok,
    [property: Id(1)] long? BrokenAt,
    [property: Id(2)] long Entries,
    [property: Id(3)] string? Reason);

/// <summary>A refused custody event, kept (not chained) so operators see what was tried.</summary>
[GenerateSerializer, Immutable]
public sealed record CustodyViolation(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string BagId,
    [property: Id(2)] string MsgId,
    [property: Id(3)] string Action,
    [property: Id(4)] CustodyRefusal Reason,
    [property: Id(5)] string Detail,
    [property: Id(6)] string Source);
