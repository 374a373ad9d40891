using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace CommandCenter.Grains.Regions;

/// <summary>
/// A province, city or county. Keeps each child's latest tally and its own total, reports the
/// total to its parent and pushes changed children to observers, at most once per flush interval.
/// </summary>
[CollectionAgeLimit(Days = 2)]
internal sealed class RegionGrain(
    IOptions<PushOptions> push,
    ILogger<RegionGrain> logger,
    [PersistentState("region", StorageNames.Live)] IPersistentState<RegionState> state) : Grain, IRegionGrain
{
    private readonly Dictionary<string, Tally> _children = new(StringComparer.Ordinal);
    private const int RecentEventCount = 50;

    private readonly HashSet<string> _pendingChildren = new(StringComparer.Ordinal);
    private readonly Queue<EventView> _recentEvents = new();
    private readonly List<EventView> _pendingEvents = [];
    private readonly ObserverManager<ISituationObserver> _observers = new(push.Value.ObserverExpiry, logger);
    private readonly RegionAlarms _alarms = new();
    private readonly Dictionary<string, AlarmView> _pendingAlarms = new(StringComparer.Ordinal);
    private string _code = null!;
    private IRegionGrain? _parent;
    private PushBatch _batch = null!;
    private Tally _total;
    private Tally _reported;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _code = this.GetPrimaryKeyString();
        _parent = RegionCodes.ParentOf(_code) is { } parent ? GrainFactory.GetGrain<IRegionGrain>(parent) : null;
        _batch = new PushBatch(this, push.Value.FlushInterval, Flush);
        foreach (var (code, tally) in state.State.Children)
        {
            _children[code] = tally;
            _total += tally;
        }

        // A new activation reports its total once: the parent may have missed the last flush.
        if (_children.Count > 0)
        {
            _batch.MarkDirty();
        }

        return Task.CompletedTask;
    }

    public async Task ReportChild(string childCode, Tally tally)
    {
        var previous = _children.GetValueOrDefault(childCode);
        _children[childCode] = tally;
        _total += tally - previous;
        _pendingChildren.Add(childCode);
        if (tally != previous)
        {
            try
            {
                state.State.Children = new Dictionary<string, Tally>(_children, StringComparer.Ordinal);
                await state.WriteStateAsync();
            }
            catch
            {
                DeactivateOnIdle();
                throw;
            }
        }

        _batch.MarkDirty();
    }

    public Task ReportEvents(IReadOnlyList<EventView> events)
    {
        foreach (var ev in events)
        {
            _recentEvents.Enqueue(ev);
            if (_recentEvents.Count > RecentEventCount)
            {
                _recentEvents.Dequeue();
            }
        }

        if (_observers.Count > 0)
        {
            _pendingEvents.AddRange(events);
            if (_pendingEvents.Count > RecentEventCount)
            {
                _pendingEvents.RemoveRange(0, _pendingEvents.Count - RecentEventCount);
            }

            _batch.MarkDirty();
        }

        return Task.CompletedTask;
    }

    public Task<RegionSnapshot> GetSnapshot() => Task.FromResult(new RegionSnapshot(
        _code, _total, _children.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ChildTally(c.Key, c.Value)).ToList(),
        _recentEvents.Reverse().ToList()));

    public Task ReportAlarms(IReadOnlyList<AlarmView> changed)
    {
        foreach (var alarm in changed)
        {
            _alarms.Apply(alarm);
            _pendingAlarms[alarm.Id] = alarm;
        }

        _batch.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AlarmView>> GetAlarms() => Task.FromResult(_alarms.List());

    public Task Subscribe(ISituationObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ISituationObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task Flush()
    {
        if (_parent is not null && _total != _reported)
        {
            _reported = _total;
            await _parent.ReportChild(_code, _total);
        }

        var alarms = _pendingAlarms.Count > 0 ? _pendingAlarms.Values.ToList() : null;
        _pendingAlarms.Clear();
        if (_parent is not null && alarms is not null)
        {
            await _parent.ReportAlarms(alarms);
        }

        if (_observers.Count > 0 && (_pendingChildren.Count > 0 || _pendingEvents.Count > 0 || alarms is not null))
        {
            var change = new RegionChange(_code, _total, _pendingChildren.Select(c => new ChildTally(c, _children[c])).ToList(),
                _pendingEvents.ToList(), alarms);
            // Not awaited: a slow silo observer must never hold up the region.
            _observers.Notify(o => o.OnRegionChanged(change).Ignore());
        }

        _pendingChildren.Clear();
        _pendingEvents.Clear();
    }
}
