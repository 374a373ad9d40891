using System.Globalization;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Grains.Alarms;

/// <summary>
/// A site's alarms and their lifecycle, plain C# (the site grain holds one). One unclosed alarm per cause
/// key: a cause that comes back while its alarm is unclosed counts on it. A condition's alarm is cleared
/// once its cause stayed away for <see cref="RuleThresholds.ClearAfter"/>; an event's alarm only by a
/// person. Unacknowledged alarms escalate county → city → province every
/// <see cref="RuleThresholds.EscalateAfter"/>. Over <see cref="RuleThresholds.StormThreshold"/> unclosed
/// alarms one storm alarm stands for them all until they drop to half the threshold.
/// </summary>
internal sealed class AlarmBook(string siteId, string idPrefix)
{
    public const string System = "system";
    /// <summary>Closed alarms kept per site (in memory and in storage), the oldest dropped first.</summary>
    public const int ClosedKept = 500;

    private readonly Dictionary<string, AlarmEntry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlarmEntry> _unclosedByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _activeByScope = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolvedWhileActive = new(StringComparer.Ordinal);
    private readonly Queue<AlarmEntry> _closed = new();
    private readonly HashSet<AlarmEntry> _changed = [];
    private AlarmEntry? _storm;
    private int _sequence;

    /// <summary>Unclosed alarms, the storm alarm not counted.</summary>
    public int UnclosedCount => _unclosedByKey.Count - (_storm is null ? 0 : 1);

    public bool HasChanges => _changed.Count > 0;

    /// <summary>Counts every change, so the site knows whether its stored book is behind.</summary>
    public long Version { get; private set; }

    /// <summary>The causes that hold now for one scope (a device, or a site rule); causes of the scope not listed went away.</summary>
    public void SetConditions(string scope, IReadOnlyList<CauseHit> hits, DateTimeOffset now)
    {
        _activeByScope.TryGetValue(scope, out var before);
        if (hits.Count == 0 && (before is null || before.Count == 0))
        {
            return;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            keys.Add(hit.Key);
            Touch(hit, sticky: false, now);
        }

        if (before is not null)
        {
            foreach (var gone in before.Where(k => !keys.Contains(k)))
            {
                _resolvedWhileActive.Remove(gone);
                if (_unclosedByKey.TryGetValue(gone, out var entry) && entry.CauseActive)
                {
                    entry.CauseActive = false;
                    entry.GoneSince = now;
                    MarkChanged(entry);
                }
            }
        }

        _activeByScope[scope] = keys;
    }

    /// <summary>An event: raises an alarm, or counts on the unclosed one of the same key.</summary>
    public void Raise(CauseHit hit, DateTimeOffset now) => Touch(hit, sticky: true, now);

    /// <summary>Clears alarms whose cause stayed away, escalates, aggregates a storm.</summary>
    public void Sweep(DateTimeOffset now, RuleThresholds thresholds)
    {
        foreach (var entry in _unclosedByKey.Values.ToList())
        {
            if (!entry.Sticky && !entry.CauseActive && entry.GoneSince is { } gone && now - gone >= thresholds.ClearAfter && entry != _storm)
            {
                Close(entry, AlarmState.Cleared, new AlarmStep(System, now, "cause cleared"));
                continue;
            }

            if (entry.State == AlarmState.Open)
            {
                var steps = (int)Math.Min(2, (now - entry.FirstSeen) / thresholds.EscalateAfter);
                if (steps > (int)entry.Escalation)
                {
                    entry.Escalation = (EscalationLevel)steps;
                    MarkChanged(entry);
                }
            }
        }

        Storm(now, thresholds);
    }

    public AlarmActionResult Acknowledge(string id, string by, DateTimeOffset now)
    {
        if (Find(id) is { } refused)
        {
            return refused;
        }

        var entry = _byId[id];
        if (entry.State != AlarmState.Open)
        {
            return new AlarmActionResult(AlarmActionOutcome.AlreadyDone, entry.ToView());
        }

        Acknowledge(entry, by, now);
        if (entry == _storm)
        {
            foreach (var child in Children(entry).Where(c => c.State == AlarmState.Open))
            {
                Acknowledge(child, by, now);
            }
        }

        return new AlarmActionResult(AlarmActionOutcome.Done, entry.ToView());
    }

    public AlarmActionResult Dispatch(string id, string by, string inspector, DateTimeOffset now)
    {
        if (Find(id) is { } refused)
        {
            return refused;
        }

        var entry = _byId[id];
        if (entry.State == AlarmState.Dispatched && entry.DispatchedTo == inspector)
        {
            return new AlarmActionResult(AlarmActionOutcome.AlreadyDone, entry.ToView());
        }

        entry.Acknowledged ??= new AlarmStep(by, now, null);
        entry.Dispatched = new AlarmStep(by, now, null);
        entry.DispatchedTo = inspector;
        entry.State = AlarmState.Dispatched;
        MarkChanged(entry);
        return new AlarmActionResult(AlarmActionOutcome.Done, entry.ToView());
    }

    public AlarmActionResult Resolve(string id, string by, string? note, DateTimeOffset now)
    {
        if (Find(id) is { } refused)
        {
            return refused;
        }

        var entry = _byId[id];
        if (entry == _storm)
        {
            foreach (var child in Children(entry))
            {
                ResolveOne(child, by, note, now);
            }

            _storm = null;
        }

        ResolveOne(entry, by, note, now);
        return new AlarmActionResult(AlarmActionOutcome.Done, entry.ToView());
    }

    public AlarmView? Get(string id) => _byId.GetValueOrDefault(id)?.ToView();

    /// <summary>Newest first; closed ones too when asked.</summary>
    public IReadOnlyList<AlarmView> List(bool includeClosed) =>
        _byId.Values.Where(e => includeClosed || !e.IsClosed).OrderByDescending(e => e.FirstSeen).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .Select(e => e.ToView()).ToList();

    /// <summary>
    /// What changed since the last call: <paramref name="forSite"/> every change; <paramref name="forRegions"/>
    /// what the regions list (a storm's members only when they join or leave it).
    /// </summary>
    public void TakeChanged(List<AlarmView> forSite, List<AlarmView> forRegions)
    {
        foreach (var entry in _changed)
        {
            var view = entry.ToView();
            forSite.Add(view);
            if (entry.AggregatedInto is null || entry.AggregationChanged)
            {
                forRegions.Add(view);
            }

            entry.AggregationChanged = false;
        }

        _changed.Clear();
    }

    private void Touch(CauseHit hit, bool sticky, DateTimeOffset now)
    {
        if (_unclosedByKey.TryGetValue(hit.Key, out var entry))
        {
            var changed = false;
            if (sticky || !entry.CauseActive)
            {
                entry.Count++;
                entry.CauseActive = true;
                entry.GoneSince = null;
                changed = true;
            }

            if (hit.Severity > entry.Severity)
            {
                entry.Severity = hit.Severity;
                changed = true;
            }

            // A condition's detail (a clock's offset) follows every status without counting as a change of its own.
            entry.Detail = hit.Detail;
            entry.LastSeen = now;
            if (changed)
            {
                MarkChanged(entry);
            }

            return;
        }

        if (!sticky && _resolvedWhileActive.Contains(hit.Key))
        {
            return;
        }

        entry = new AlarmEntry(NextId(), siteId, hit, sticky, now);
        if (_storm is not null)
        {
            entry.AggregatedInto = _storm.Id;
        }

        _byId[entry.Id] = entry;
        _unclosedByKey[entry.Key] = entry;
        MarkChanged(entry);
    }

    private void Storm(DateTimeOffset now, RuleThresholds thresholds)
    {
        var members = _unclosedByKey.Values.Where(e => e != _storm).ToList();
        if (_storm is null && members.Count > thresholds.StormThreshold)
        {
            _storm = new AlarmEntry(NextId(), siteId,
                new CauseHit(AlarmCauses.Storm, AlarmCauses.Storm, members.Max(m => m.Severity), null, null, null), sticky: false, now);
            _byId[_storm.Id] = _storm;
            _unclosedByKey[_storm.Key] = _storm;
            foreach (var member in members)
            {
                member.AggregatedInto = _storm.Id;
                member.AggregationChanged = true;
                MarkChanged(member);
            }
        }

        if (_storm is null)
        {
            return;
        }

        if (members.Count <= thresholds.StormThreshold / 2)
        {
            foreach (var member in members)
            {
                member.AggregatedInto = null;
                member.AggregationChanged = true;
                MarkChanged(member);
            }

            _storm.CauseActive = false;
            Close(_storm, AlarmState.Cleared, new AlarmStep(System, now, "storm over"));
            _storm = null;
            return;
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"{members.Count} alarms");
        if (_storm.Detail != detail || _storm.Count != members.Count)
        {
            _storm.Detail = detail;
            _storm.Count = members.Count;
            _storm.LastSeen = now;
            _storm.Severity = members.Max(m => m.Severity);
            MarkChanged(_storm);
        }
    }

    private IEnumerable<AlarmEntry> Children(AlarmEntry storm) =>
        _unclosedByKey.Values.Where(e => e.AggregatedInto == storm.Id).ToList();

    private AlarmActionResult? Find(string id) => _byId.TryGetValue(id, out var entry)
        ? entry.IsClosed ? new AlarmActionResult(AlarmActionOutcome.Closed, entry.ToView()) : null
        : new AlarmActionResult(AlarmActionOutcome.NotFound, null);

    private void Acknowledge(AlarmEntry entry, string by, DateTimeOffset now)
    {
        entry.Acknowledged = new AlarmStep(by, now, null);
        entry.State = AlarmState.Acknowledged;
        MarkChanged(entry);
    }

    private void ResolveOne(AlarmEntry entry, string by, string? note, DateTimeOffset now)
    {
        if (entry.IsClosed)
        {
            return;
        }

        if (entry.CauseActive && !entry.Sticky)
        {
            // Resolved by a person while the cause still holds: do not raise it again until the cause has gone once.
            _resolvedWhileActive.Add(entry.Key);
        }

        Close(entry, AlarmState.Resolved, new AlarmStep(by, now, note));
    }

    private void Close(AlarmEntry entry, AlarmState state, AlarmStep step)
    {
        entry.State = state;
        entry.Closed = step;
        _unclosedByKey.Remove(entry.Key);
        MarkChanged(entry);
        _closed.Enqueue(entry);
        while (_closed.Count > ClosedKept)
        {
            _byId.Remove(_closed.Dequeue().Id);
        }
    }

    private void MarkChanged(AlarmEntry entry)
    {
        _changed.Add(entry);
        Version++;
    }

    /// <summary>The book as stored: unclosed alarms and the kept history, oldest first.</summary>
    public AlarmBookState Snapshot() => new()
    {
        Alarms = _byId.Values.OrderBy(e => e.FirstSeen).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new StoredAlarm(e.ToView(), e.Key, e.Sticky, e.GoneSince)).ToList(),
        ActiveByScope = _activeByScope.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal),
        ResolvedWhileActive = [.. _resolvedWhileActive],
        StormId = _storm?.Id,
    };

    /// <summary>
    /// Takes up a stored book (a new activation). Its unclosed alarms count as changed, so the regions above
    /// hear of them again even if they lost them too.
    /// </summary>
    public void Restore(AlarmBookState state)
    {
        foreach (var entry in state.Alarms.Select(AlarmEntry.From).OrderBy(e => e.Closed?.At))
        {
            _byId[entry.Id] = entry;
            if (entry.IsClosed)
            {
                _closed.Enqueue(entry);
            }
            else
            {
                _unclosedByKey[entry.Key] = entry;
                _changed.Add(entry);
            }
        }

        foreach (var (scope, keys) in state.ActiveByScope)
        {
            _activeByScope[scope] = new HashSet<string>(keys, StringComparer.Ordinal);
        }

        _resolvedWhileActive.UnionWith(state.ResolvedWhileActive);
        _storm = state.StormId is { } storm && _byId.TryGetValue(storm, out var found) && !found.IsClosed ? found : null;
    }

    private string NextId() => string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{++_sequence}");
}
