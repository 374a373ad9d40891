using CommandCenter.Abstractions.Security;

namespace CommandCenter.Grains.Security;

public static class AccountViews
{
    public static AccountView From(Account account, DateTimeOffset now) => new(
        account.UserName, account.DisplayName, account.Role, account.Scope, account.Disabled,
        account.LockedUntil is { } until && until > now, account.CreatedAt, account.LastSignIn);
}
