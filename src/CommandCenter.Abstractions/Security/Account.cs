namespace CommandCenter.Abstractions.Security;

/// <summary>An account as kept in its grain. <see cref="PasswordHash"/> is an ASP.NET Core Identity v3 hash.</summary>
[GenerateSerializer]
public sealed record Account(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Role Role,
    [property: Id(3)] AccountScope Scope,
    [property: Id(4)] string PasswordHash,
    [property: Id(5)] string SecurityStamp,
    [property: Id(6)] bool Disabled,
    [property: Id(7)] int FailedSignIns,
    [property: Id(8)] DateTimeOffset? LockedUntil,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? LastSignIn);

/// <summary>An account without its secrets, for screens and the API.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountView(
    [property: Id(0)] string UserName,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Role Role,
    [property: Id(3)] AccountScope Scope,
    [property: Id(4)] bool Disabled,
    [property: Id(5)] bool LockedOut,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? LastSignIn);
