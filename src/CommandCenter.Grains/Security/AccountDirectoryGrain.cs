using CommandCenter.Abstractions.Security;

namespace CommandCenter.Grains.Security;

/// <summary>The names of all accounts, for the administrator's list.</summary>
internal sealed class AccountDirectoryGrain(
    [PersistentState("accounts", StorageNames.Security)] IPersistentState<AccountDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public const string Key = "all";

    public async Task Add(string userName)
    {
        if (state.State.Names.Add(userName))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Names.Order(StringComparer.Ordinal).ToList());
}

[GenerateSerializer]
internal sealed class AccountDirectoryState
{
    [Id(0)]
    public SortedSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}
