using CommandCenter.Abstractions.Security;

namespace CommandCenter.Grains.Security;

/// <summary>One account: its role, scope, password hash and lock-out state, persisted.</summary>
internal sealed class AccountGrain(
    [PersistentState("account", StorageNames.Security)] IPersistentState<AccountState> state) : Grain, IAccountGrain
{
    public async Task<bool> Create(Account account)
    {
        if (state.State.Account is not null)
        {
            return false;
        }

        state.State.Account = account;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAccountDirectoryGrain>(AccountDirectoryGrain.Key).Add(account.UserName);
        return true;
    }

    public Task<Account?> Get() => Task.FromResult(state.State.Account);

    public async Task<Account?> RecordFailure(DateTimeOffset at, int maxFailures, TimeSpan lockout)
    {
        if (state.State.Account is not { } account)
        {
            return null;
        }

        var failures = account.FailedSignIns + 1;
        state.State.Account = account with
        {
            FailedSignIns = failures >= maxFailures ? 0 : failures,
            LockedUntil = failures >= maxFailures ? at + lockout : account.LockedUntil,
        };
        await state.WriteStateAsync();
        return state.State.Account;
    }

    public async Task RecordSuccess(DateTimeOffset at)
    {
        if (state.State.Account is { } account)
        {
            state.State.Account = account with { FailedSignIns = 0, LockedUntil = null, LastSignIn = at };
            await state.WriteStateAsync();
        }
    }

    public async Task<AccountView?> Update(string displayName, Role role, AccountScope scope, bool disabled)
    {
        if (state.State.Account is not { } account)
        {
            return null;
        }

        state.State.Account = account with
        {
            DisplayName = displayName,
            Role = role,
            Scope = scope,
            Disabled = disabled,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        await state.WriteStateAsync();
        return AccountViews.From(state.State.Account, DateTimeOffset.MinValue);
    }

    public async Task<bool> SetPassword(string passwordHash)
    {
        if (state.State.Account is not { } account)
        {
            return false;
        }

        state.State.Account = account with
        {
            PasswordHash = passwordHash,
            FailedSignIns = 0,
            LockedUntil = null,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        await state.WriteStateAsync();
        return true;
    }
}

[GenerateSerializer]
internal sealed class AccountState
{
    [Id(0)]
    public Account? Account { get; set; }
}
