namespace CommandCenter.Abstractions.Papers;

/// <summary>A bag as lists show it: where it is and who last had it.</summary>
[GenerateSerializer, Immutable]
public sealed record BagSummary(
    [property: Id(0)] string BagId,
    [property: Id(1)] string ExamId,
    [property: Id(2)] string SiteId,
    [property: Id(3)] string Room,
    [property: Id(4)] string SessionId,
    [property: Id(5)] string Subject,
    [property: Id(6)] string PaperSet,
    [property: Id(7)] BagKind Kind,
    [property: Id(8)] BagState State,
    [property: Id(9)] string Place,
    [property: Id(10)] IReadOnlyList<string> Holders,
    [property: Id(11)] DateTimeOffset? Since);

/// <summary>A bag with its whole history (its ledger entries, oldest first).</summary>
[GenerateSerializer, Immutable]
public sealed record BagDetail(
    [property: Id(0)] PaperBagSpec Spec,
    [property: Id(1)] BagSummary Summary,
    [property: Id(2)] IReadOnlyList<LedgerEntry> History,
    [property: Id(3)] BagApproval? Approval);

/// <summary>Step one of opening a spare or backup bag: who approved it and when.</summary>
[GenerateSerializer, Immutable]
public sealed record BagApproval(
    [property: Id(0)] string ApprovedBy,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Note,
    [property: Id(3)] long Sequence);

/// <summary>The place a bag in <paramref name="state"/> is at, in words for lists and the map.</summary>
public static class BagPlaces
{
    public static string Of(BagState state, PaperBagSpec spec) => state switch
    {
        BagState.Sealed => "packing",
        BagState.StoredInVault or BagState.CheckedOut => $"county vault {spec.CountyCode}",
        BagState.InTransit => $"in transit to site {spec.SiteId}",
        BagState.ReceivedAtSite or BagState.StoredAtSite => $"site {spec.SiteId}",
        BagState.HandedToRoom or BagState.Opened or BagState.AnswerSheetsSealed => $"site {spec.SiteId} room {spec.Room}",
        BagState.Returned => $"returning from site {spec.SiteId}",
        _ => "scanning point",
    };
}
