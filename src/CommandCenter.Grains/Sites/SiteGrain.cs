using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Devices;
using CommandCenter.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace CommandCenter.Grains.Sites;

/// <summary>
/// An exam site: known from its first message on (a mere lookup does not count it), with presence, its site-level devices, the tallies of its rooms and vault, and the
/// push of what changed to the county above it and to observing silos.
/// </summary>
[CollectionAgeLimit(Days = 2)]
internal sealed class SiteGrain(
    IOptions<LivenessOptions> liveness,
    IOptions<PushOptions> push,
    TimeProvider time,
    ILogger<SiteGrain> logger) : Grain, ISiteGrain
{
    private const int RecentEventCount = 50;

    private readonly Dictionary<string, Tally> _holders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceView> _pendingDevices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingHolders = new(StringComparer.Ordinal);
    private readonly List<EventView> _pendingEvents = [];
    private readonly List<EventView> _notableEvents = [];
    private readonly Queue<EventView> _recentEvents = new();
    private readonly RecentIds _reportIds = new(1024);
    private readonly ObserverManager<ISituationObserver> _observers = new(push.Value.ObserverExpiry, logger);
    private string _siteId = null!;
    private DeviceTable _own = null!;
    private PushBatch _batch = null!;
    private IRegionGrain _county = null!;
    private Tally _holdersTotal;
    private Tally _reported;
    private bool _online;
    private bool _known;
    private string? _agentVersion;
    private DateTimeOffset? _presenceAt;

    private Tally Tally => _holdersTotal + _own.Tally(asRoom: false) + new Tally { SitesTotal = 1, SitesOnline = _online ? 1 : 0 };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _siteId = this.GetPrimaryKeyString();
        _own = new DeviceTable(_siteId);
        _county = GrainFactory.GetGrain<IRegionGrain>(RegionCodes.CountyOfSite(_siteId));
        _batch = new PushBatch(this, push.Value.FlushInterval, Flush);
        var period = liveness.Value.StatusInterval;
        this.RegisterGrainTimer(_ => SweepOffline(), new GrainTimerCreationOptions(period, period) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public Task SetPresence(bool online, string? agentVersion, DateTimeOffset at, IReadOnlyList<InventoryItem> siteDevices)
    {
        _known = true;
        _online = online;
        _presenceAt = at;
        if (online)
        {
            _agentVersion = agentVersion;
            Collect(_own.AddInventory(siteDevices), []);
        }

        _batch.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<ApplyResult> Apply(IReadOnlyList<DeviceUpdate> updates)
    {
        _known = true;
        var changed = new List<DeviceView>();
        var events = new List<EventView>();
        var result = _own.Apply(updates, changed, events);
        Collect(changed, events);
        _batch.MarkDirty();
        return Task.FromResult(result);
    }

    public Task ReportHolder(string key, Tally tally, IReadOnlyList<DeviceView> changed, IReadOnlyList<EventView> events)
    {
        _known = true;
        var previous = _holders.GetValueOrDefault(key);
        _holders[key] = tally;
        _holdersTotal += tally - previous;
        if (tally != previous)
        {
            _pendingHolders.Add(key);
        }

        Collect(changed, events);
        _batch.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<bool> RecordReport(SiteReport report)
    {
        _known = true;
        if (!_reportIds.Add(report.MsgId))
        {
            return Task.FromResult(false);
        }

        var ev = new EventView(_siteId, null, "agent", null, $"report_{report.Type}", report.Ts, report.Session);
        Collect([], [ev]);
        _batch.MarkDirty();
        return Task.FromResult(true);
    }

    public Task<SiteDetail?> GetDetail() => Task.FromResult(_known
        ? new SiteDetail(_siteId, _online, _agentVersion, _presenceAt, Tally,
            _holders.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new ChildTally(h.Key, h.Value)).ToList(),
            _own.Views(), _recentEvents.Reverse().ToList())
        : null);

    public Task SweepOffline()
    {
        var changed = new List<DeviceView>();
        _own.SweepOffline(time.GetUtcNow(), liveness.Value.OfflineAfter, changed);
        if (changed.Count > 0)
        {
            Collect(changed, []);
            _batch.MarkDirty();
        }

        return Task.CompletedTask;
    }

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

    private void Collect(IReadOnlyList<DeviceView> changed, IReadOnlyList<EventView> events)
    {
        foreach (var ev in events)
        {
            _recentEvents.Enqueue(ev);
            if (_recentEvents.Count > RecentEventCount)
            {
                _recentEvents.Dequeue();
            }

            if (ev.IsNotable && _notableEvents.Count < RecentEventCount)
            {
                _notableEvents.Add(ev);
            }
        }

        if (_observers.Count == 0)
        {
            return;
        }

        foreach (var device in changed)
        {
            _pendingDevices[device.Id] = device;
        }

        _pendingEvents.AddRange(events);
        if (_pendingEvents.Count > RecentEventCount)
        {
            _pendingEvents.RemoveRange(0, _pendingEvents.Count - RecentEventCount);
        }
    }

    private async Task Flush()
    {
        if (!_known)
        {
            return;
        }

        var tally = Tally;
        if (tally != _reported)
        {
            _reported = tally;
            await _county.ReportChild(_siteId, tally);
        }

        if (_notableEvents.Count > 0)
        {
            var notable = _notableEvents.ToList();
            _notableEvents.Clear();
            await _county.ReportEvents(notable);
        }

        if (_observers.Count > 0)
        {
            var rooms = _pendingHolders.Select(key => new ChildTally(key, _holders[key])).ToList();
            var change = new SiteChange(_siteId, _online, tally, rooms, _pendingDevices.Values.ToList(), _pendingEvents.ToList());
            // Not awaited: a slow silo observer must never hold up the site (and so its rooms and ingest).
            _observers.Notify(o => o.OnSiteChanged(change).Ignore());
        }

        _pendingHolders.Clear();
        _pendingDevices.Clear();
        _pendingEvents.Clear();
    }
}
