using CommandCenter.Abstractions.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Security;

public enum SignInOutcome
{
    Success,
    /// <summary>Unknown user or wrong password: one answer for both, so names cannot be probed.</summary>
    WrongCredentials,
    LockedOut,
    Disabled,
}

/// <summary>Checks a user name and password against the account grain; counts failures and locks out.</summary>
public sealed class SignInService(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider time)
{
    public const int MaxUserNameLength = 64;
    public const int MaxPasswordLength = 256;

    private static readonly PasswordHasher<Account> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static IAccountGrain Grain(IGrainFactory grains, string userName) =>
        grains.GetGrain<IAccountGrain>(userName.Trim().ToLowerInvariant());

    public async Task<(SignInOutcome Outcome, Account? Account)> SignIn(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)
            || userName.Length > MaxUserNameLength || password.Length > MaxPasswordLength)
        {
            return (SignInOutcome.WrongCredentials, null);
        }

        var grain = Grain(grains, userName);
        var account = await grain.Get();
        var now = time.GetUtcNow();
        if (account is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password); // same cost as a real check
            return (SignInOutcome.WrongCredentials, null);
        }

        if (account.LockedUntil is { } until && until > now)
        {
            return (SignInOutcome.LockedOut, account);
        }

        if (Hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var after = await grain.RecordFailure(now, options.Value.MaxFailedSignIns, options.Value.LockoutDuration);
            return (after?.LockedUntil is { } locked && locked > now ? SignInOutcome.LockedOut : SignInOutcome.WrongCredentials, account);
        }

        if (account.Disabled)
        {
            return (SignInOutcome.Disabled, account);
        }

        await grain.RecordSuccess(now);
        return (SignInOutcome.Success, account);
    }

    private static readonly string DummyHash = Hash(Guid.NewGuid().ToString());
}
