using CommandCenter.Abstractions;
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
internal sealed class RegionGrain(IOptions<PushOptions> push, ILogger<RegionGrain> logger) : Grain, IRegionGrain
{
    private readonly Dictionary<string, Tally> _children = new(StringComparer.Ordinal);
    private const int RecentEventCount = 50;

    private readonly HashSet<string> _pendingChildren = new(StringComparer.Ordinal);
    private readonly Queue<EventView> _recentEvents = new();
    private readonly List<EventView> _pendingEvents = [];
    private readonly ObserverManager<ISituationObserver> _observers = new(push.Value.ObserverExpiry, logger);
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
        return Task.CompletedTask;
    }

    public Task ReportChild(string childCode, Tally tally)
    {
        var previous = _children.GetValueOrDefault(childCode);
        _children[childCode] = tally;
        _total += tally - previous;
        _pendingChildren.Add(childCode);
        _batch.MarkDirty();
        return Task.CompletedTask;
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

        if (_observers.Count > 0 && (_pendingChildren.Count > 0 || _pendingEvents.Count > 0))
        {
            var change = new RegionChange(_code, _total, _pendingChildren.Select(c => new ChildTally(c, _children[c])).ToList(), _pendingEvents.ToList());
            // Not awaited: a slow silo observer must never hold up the region.
            _observers.Notify(o => o.OnRegionChanged(change).Ignore());
        }

        _pendingChildren.Clear();
        _pendingEvents.Clear();
    }
}
