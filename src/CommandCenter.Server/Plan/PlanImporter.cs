using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Plan;
using CommandCenter.Regions;

namespace CommandCenter.Server.Plan;

/// <summary>What an import did: the problems (nothing stored), or how the stored plan changed.</summary>
public sealed record PlanImportResult(IReadOnlyList<PlanProblem> Problems, PlanStoreOutcome? Outcome, PlanSummary? Summary, int BagsRegistered = 0)
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
        // A bag registered before (by an earlier plan or the API) with a different label refuses the whole plan.
        if (await BagConflicts(plan, raw) is { Count: > 0 } conflicts)
        {
            return new PlanImportResult(conflicts, null, null);
        }

        var store = grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey);
        var previous = await store.GetPlan();
        var (outcome, summary) = await store.Store(plan);
        if (outcome != PlanStoreOutcome.Unchanged)
        {
            await HandOut(plan, previous);
            logger.LogInformation("Exam plan {ExamId} v{Version} {Outcome}: {Sites} sites, {Rooms} rooms, {Sessions} sessions",
                summary.ExamId, summary.Version, outcome, summary.Sites, summary.Rooms, summary.Sessions);
        }

        // Registering is idempotent (the same spec again changes nothing), so it runs on every import: one that
        // stopped half-way (a silo lost) is completed by importing the same plan again.
        var registered = await RegisterBags(plan);
        return new PlanImportResult([], outcome, summary, registered);
    }

    private async Task<List<PlanProblem>> BagConflicts(ExamPlan plan, RawPlan raw)
    {
        var conflicts = new System.Collections.Concurrent.ConcurrentBag<PaperBagSpec>();
        await Parallel.ForEachAsync(plan.BagSpecs(), new ParallelOptions { MaxDegreeOfParallelism = ParallelSites }, async (spec, _) =>
        {
            if (await grains.GetGrain<IPaperBagGrain>(spec.BagId).GetDetail() is { } known && known.Spec != spec)
            {
                conflicts.Add(known.Spec);
            }
        });

        var rows = raw.Tables["bags"].Where(r => r.Values.ContainsKey("bagId"))
            .ToLookup(r => r.Values["bagId"].Text ?? "", StringComparer.Ordinal);
        return conflicts.Select(known =>
        {
            var row = rows[known.BagId].FirstOrDefault();
            return new PlanProblem(row?.File ?? "bags", row?.Line ?? 0, (row?.FieldPrefix ?? "") + "bagId",
                $"bag '{known.BagId}' is already registered as {known.ExamId}/{known.SessionId} site {known.SiteId} room {known.Room} set {known.PaperSet} ({known.Count}, {known.Kind}); a bag's label cannot change");
        }).OrderBy(p => p.Line).ToList();
    }

    private async Task<int> RegisterBags(ExamPlan plan)
    {
        var registered = 0;
        await Parallel.ForEachAsync(plan.BagSpecs(), new ParallelOptions { MaxDegreeOfParallelism = ParallelSites }, async (spec, _) =>
        {
            if (await grains.GetGrain<IPaperBagGrain>(spec.BagId).Register(spec))
            {
                Interlocked.Increment(ref registered);
            }
        });

        if (registered > 0)
        {
            logger.LogInformation("Exam plan {ExamId}: {Bags} paper bags registered or confirmed", plan.ExamId, registered);
        }

        return registered;
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
