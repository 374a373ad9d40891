using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Plan;
using CommandCenter.Regions;

namespace CommandCenter.Server.Plan;

/// <summary>What an import did: the problems (nothing stored), or how the stored plan changed.</summary>
public sealed record PlanImportResult(IReadOnlyList<PlanProblem> Problems, PlanStoreOutcome? Outcome, PlanSummary? Summary)
{
    public bool Ok => Problems.Count == 0 && Summary is not null;
}

/// <summary>
/// Checks a plan completely, stores it in one call (or not at all), then hands every site its slice.
/// The hand-out is done here, outside the grains, because grains never call downwards.
/// </summary>
public sealed class PlanImporter(IGrainFactory grains, RegionCatalog regions, ILogger<PlanImporter> logger)
{
    private const int ParallelSites = 64;

    public async Task<PlanImportResult> Import(RawPlan raw, Func<ExamPlan, ExamPlan>? adjust = null)
    {
        var read = new PlanBuilder(regions).Build(raw);
        if (!read.Ok)
        {
            return new PlanImportResult(read.Problems, null, null);
        }

        var plan = adjust is null ? read.Plan! : adjust(read.Plan!);
        var store = grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey);
        var previous = await store.GetPlan();
        var (outcome, summary) = await store.Store(plan);
        if (outcome != PlanStoreOutcome.Unchanged)
        {
            await HandOut(plan, previous);
            logger.LogInformation("Exam plan {ExamId} v{Version} {Outcome}: {Sites} sites, {Rooms} rooms, {Sessions} sessions",
                summary.ExamId, summary.Version, outcome, summary.Sites, summary.Rooms, summary.Sessions);
        }

        return new PlanImportResult([], outcome, summary);
    }

    private async Task HandOut(ExamPlan plan, ExamPlan? previous)
    {
        var slices = plan.SitePlans();
        var unlisted = plan.Unlisted();
        var siteIds = slices.Keys.Union(previous?.Sites.Select(s => s.SiteId) ?? []).ToList();
        await Parallel.ForEachAsync(siteIds, new ParallelOptions { MaxDegreeOfParallelism = ParallelSites }, async (siteId, _) =>
            await grains.GetGrain<ISiteGrain>(siteId).ApplyPlan(slices.GetValueOrDefault(siteId) ?? unlisted));
    }
}
