using CommandCenter.Abstractions.Security;

namespace CommandCenter.Grains.Security;

/// <summary>
/// One day of the audit trail (key <c>yyyy-MM-dd</c>, UTC): entries are appended, numbered and
/// persisted before the call returns; nothing is ever changed or removed.
/// </summary>
internal sealed class AuditLogGrain(
    [PersistentState("audit", StorageNames.Security)] IPersistentState<AuditLogState> state,
    TimeProvider time) : Grain, IAuditLogGrain
{
    public async Task<AuditEntry> Append(AuditRecord record)
    {
        var entry = new AuditEntry(state.State.Entries.Count + 1, time.GetUtcNow(), record.Actor, record.ActorRole,
            record.From, record.Action, record.Target, record.Detail);
        state.State.Entries.Add(entry);
        await state.WriteStateAsync();
        return entry;
    }

    public Task<IReadOnlyList<AuditEntry>> Query(AuditQuery query) => Task.FromResult<IReadOnlyList<AuditEntry>>(state.State.Entries
        .Where(e => e.Sequence > query.AfterSequence)
        .Where(e => query.From is null || e.At >= query.From)
        .Where(e => query.To is null || e.At < query.To)
        .Where(e => query.Actor is null || e.Actor == query.Actor)
        .Where(e => query.Action is null || e.Action == query.Action)
        .Take(Math.Clamp(query.Limit, 1, 10_000))
        .ToList());
}

[GenerateSerializer]
internal sealed class AuditLogState
{
    [Id(0)]
    public List<AuditEntry> Entries { get; set; } = [];
}
