namespace CommandCenter.Abstractions.Papers;

/// <summary>Regular papers, or spare/backup papers whose opening needs approval plus the chief and deputy.</summary>
[GenerateSerializer]
public enum BagKind
{
    Regular = 0,
    Spare = 1,
    Backup = 2,
}

/// <summary>
/// What is printed on a bag: its id, the exam, the session and subject, the destination site and room,
/// the paper set (A/B/C) and how many papers it holds. Registered before the day.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PaperBagSpec(
    [property: Id(0)] string BagId,
    [property: Id(1)] string ExamId,
    [property: Id(2)] string SessionId,
    [property: Id(3)] string Subject,
    [property: Id(4)] string SiteId,
    [property: Id(5)] string Room,
    [property: Id(6)] string PaperSet,
    [property: Id(7)] int Count,
    [property: Id(8)] BagKind Kind)
{
    /// <summary>The county (考区) whose vault keeps the bag before dispatch.</summary>
    public string CountyCode => SiteId[..6];
}
