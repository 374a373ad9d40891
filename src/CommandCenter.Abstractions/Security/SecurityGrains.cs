namespace CommandCenter.Abstractions.Security;

/// <summary>One account, key the lower-case user name.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; false when it exists already.</summary>
    Task<bool> Create(Account account);

    /// <summary>The account with its secrets, for sign-in; null when there is none.</summary>
    Task<Account?> Get();

    /// <summary>Counts a failed sign-in and locks the account after <paramref name="maxFailures"/>.</summary>
    Task<Account?> RecordFailure(DateTimeOffset at, int maxFailures, TimeSpan lockout);

    Task RecordSuccess(DateTimeOffset at);

    /// <summary>Changes role, scope, display name or the disabled flag; a new security stamp signs the account out everywhere.</summary>
    Task<AccountView?> Update(string displayName, Role role, AccountScope scope, bool disabled);

    /// <summary>Sets a new password hash, clears lock-out and signs the account out everywhere.</summary>
    Task<bool> SetPassword(string passwordHash);
}

/// <summary>The list of account names (key <c>all</c>).</summary>
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    Task Add(string userName);

    Task<IReadOnlyList<string>> List();
}

/// <summary>The append-only audit trail (key <c>main</c>).</summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    Task<AuditEntry> Append(AuditRecord record);

    Task<IReadOnlyList<AuditEntry>> Query(AuditQuery query);
}
