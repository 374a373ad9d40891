using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Abstractions.Plan;

/// <summary>
/// A paper bag the plan registers (试卷袋): its printed id, the session (which gives the subject), the
/// destination site and room, the paper set and how many papers it holds. The import registers each one
/// as a <see cref="PaperBagSpec"/> of the plan's exam.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlanBag(
    [property: Id(0)] string BagId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string SiteId,
    [property: Id(3)] string Room,
    [property: Id(4)] string PaperSet,
    [property: Id(5)] int Count,
    [property: Id(6)] BagKind Kind)
{
    public PaperBagSpec ToSpec(string examId, string subject) => new(BagId, examId, SessionId, subject, SiteId, Room, PaperSet, Count, Kind);
}
