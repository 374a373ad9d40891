using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Grains.Papers;

/// <summary>An exam's handling rules; the defaults until someone sets them. A leaf grain.</summary>
internal sealed class HandlingRulesGrain([PersistentState("rules")] IPersistentState<HandlingRulesState> state)
    : Grain, IHandlingRulesGrain
{
    public Task<HandlingRules> Get() => Task.FromResult(state.State.Rules ?? new HandlingRules());

    public async Task Set(HandlingRules rules)
    {
        if (rules.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(rules));
        }

        state.State.Rules = rules;
        await state.WriteStateAsync();
    }
}

[GenerateSerializer]
internal sealed class HandlingRulesState
{
    [Id(0)] public HandlingRules? Rules { get; set; }
}
