using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Grains.Papers;

/// <summary>The bags of one county and where each is, for lists by state and region. A leaf grain.</summary>
internal sealed class BagIndexGrain([PersistentState("bags")] IPersistentState<Dictionary<string, BagSummary>> state)
    : Grain, IBagIndexGrain
{
    public async Task Update(BagSummary summary)
    {
        if (state.State.TryGetValue(summary.BagId, out var known) && known == summary)
        {
            return;
        }

        state.State[summary.BagId] = summary;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<BagSummary>> List(BagState? bagState) => Task.FromResult<IReadOnlyList<BagSummary>>(
        state.State.Values.Where(b => bagState is null || b.State == bagState).OrderBy(b => b.BagId, StringComparer.Ordinal).ToList());
}
