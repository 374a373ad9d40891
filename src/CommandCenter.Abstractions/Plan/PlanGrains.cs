namespace CommandCenter.Abstractions.Plan;

/// <summary>What storing a plan did.</summary>
[GenerateSerializer]
public enum PlanStoreOutcome
{
    /// <summary>No plan before; this one is stored.</summary>
    Created = 0,
    /// <summary>A different plan was replaced.</summary>
    Replaced = 1,
    /// <summary>The same plan (same fingerprint) was already stored: nothing changed.</summary>
    Unchanged = 2,
}

/// <summary>Counts of a stored plan, for the import answer and the API.</summary>
[GenerateSerializer, Immutable]
public sealed record PlanSummary(
    [property: Id(0)] string ExamId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] int Version,
    [property: Id(4)] DateTimeOffset StoredAt,
    [property: Id(5)] int Sessions,
    [property: Id(6)] int Sites,
    [property: Id(7)] int Rooms,
    [property: Id(8)] int Devices,
    [property: Id(9)] int Staff,
    [property: Id(10)] int ExpectedCandidates);

/// <summary>
/// The active exam plan, key <see cref="CurrentKey"/>. Only a complete, validated plan is ever stored
/// (whole, in one call), so a failed import cannot leave half a plan. A leaf grain: it never calls
/// another grain, so sites and rooms may ask it for their slice.
/// </summary>
public interface IExamPlanGrain : IGrainWithStringKey
{
    const string CurrentKey = "current";

    Task<(PlanStoreOutcome Outcome, PlanSummary Summary)> Store(ExamPlan plan);

    Task<ExamPlan?> GetPlan();

    Task<PlanSummary?> GetSummary();

    /// <summary>The slice of one site; null when no plan is stored.</summary>
    Task<SitePlan?> GetSitePlan(string siteId);
}
