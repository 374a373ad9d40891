using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Grains.Plan;

/// <summary>
/// Holds the active plan. A store replaces the whole plan in one write or changes nothing, so a reader
/// sees the old plan or the new one, never a mix. Site slices are cut once per plan version.
/// </summary>
internal sealed class ExamPlanGrain(
    [PersistentState("plan")] IPersistentState<ExamPlanState> state,
    TimeProvider time) : Grain, IExamPlanGrain
{
    private IReadOnlyDictionary<string, SitePlan>? _slices;

    public async Task<(PlanStoreOutcome Outcome, PlanSummary Summary)> Store(ExamPlan plan)
    {
        if (state.State.Plan is { } current && current.Fingerprint == plan.Fingerprint)
        {
            return (PlanStoreOutcome.Unchanged, state.State.Summary!);
        }

        var outcome = state.State.Plan is null ? PlanStoreOutcome.Created : PlanStoreOutcome.Replaced;
        var summary = new PlanSummary(plan.ExamId, plan.Name, plan.Fingerprint, state.State.Version + 1, time.GetUtcNow(),
            plan.Sessions.Count, plan.Sites.Count, plan.Rooms.Count, plan.Devices.Count, plan.Staff.Count,
            plan.Rooms.Sum(r => r.ExpectedCandidates));
        var next = new ExamPlanState { Plan = plan, Summary = summary, Version = summary.Version };
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        _slices = null;
        return (outcome, summary);
    }

    public Task<ExamPlan?> GetPlan() => Task.FromResult(state.State.Plan);

    public Task<PlanSummary?> GetSummary() => Task.FromResult(state.State.Summary);

    public Task<SitePlan?> GetSitePlan(string siteId)
    {
        if (state.State.Plan is not { } plan)
        {
            return Task.FromResult<SitePlan?>(null);
        }

        _slices ??= plan.SitePlans();
        return Task.FromResult<SitePlan?>(_slices.GetValueOrDefault(siteId) ?? plan.Unlisted());
    }
}

[GenerateSerializer]
internal sealed class ExamPlanState
{
    [Id(0)] public ExamPlan? Plan { get; set; }

    [Id(1)] public PlanSummary? Summary { get; set; }

    [Id(2)] public int Version { get; set; }
}
