namespace CommandCenter.Abstractions.Security;

/// <summary>One line of the audit trail: who did what, when, from where. Never personal data of candidates.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? ActorRole,
    [property: Id(4)] string? From,
    [property: Id(5)] string Action,
    [property: Id(6)] string Target,
    [property: Id(7)] string? Detail);

/// <summary>What to record; the audit grain numbers and stamps it.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditRecord(
    [property: Id(0)] string Actor,
    [property: Id(1)] string? ActorRole,
    [property: Id(2)] string? From,
    [property: Id(3)] string Action,
    [property: Id(4)] string Target,
    [property: Id(5)] string? Detail);

/// <summary>A filter over the audit trail; every part optional.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditQuery(
    [property: Id(0)] DateTimeOffset? From,
    [property: Id(1)] DateTimeOffset? To,
    [property: Id(2)] string? Actor,
    [property: Id(3)] string? Action,
    [property: Id(4)] long AfterSequence,
    [property: Id(5)] int Limit);
