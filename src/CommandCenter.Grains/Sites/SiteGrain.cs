using System.Globalization;
using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Abstractions.Video;
using CommandCenter.Grains.Alarms;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Devices;
using CommandCenter.Regions;
using Microsoft.Extensions.DependencyInjection;
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
    IOptions<RulesOptions> rules,
    TimeProvider time,
    ILogger<SiteGrain> logger,
    [PersistentState("site", StorageNames.Live)] IPersistentState<SiteState> state,
    [PersistentState("alarms", StorageNames.Live)] IPersistentState<AlarmBookState> alarms) : Grain, ISiteGrain
{
    private const int RecentEventCount = 50;
    private const int PersistedReportIds = 256;

    private readonly Dictionary<string, Tally> _holders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceView> _pendingDevices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingHolders = new(StringComparer.Ordinal);
    private readonly List<EventView> _pendingEvents = [];
    private readonly List<EventView> _notableEvents = [];
    private readonly Queue<EventView> _recentEvents = new();
    private readonly RecentIds _reportIds = new(1024);
    private readonly ObserverManager<ISituationObserver> _observers = new(push.Value.ObserverExpiry, logger);
    private readonly CandidateFlow _flow = new();
    private readonly List<AlarmView> _alarmsForSite = [];
    private readonly List<AlarmView> _alarmsForRegions = [];
    private SiteRules _rules = null!;
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
    private IHistorySink? _history;
    private DateTimeOffset _rolledUp;
    private long _savedAlarmVersion;
    private int _savedZeroReports;

    private Tally Tally => _holdersTotal + _own.Tally(asRoom: false) + FlowTotal
        + new Tally { SitesTotal = 1, SitesOnline = _online ? 1 : 0, AlarmsOpen = _rules.Book.UnclosedCount };

    private Tally FlowTotal
    {
        get
        {
            var total = default(Tally);
            var now = time.GetUtcNow();
            foreach (var room in _flow.Rooms)
            {
                total += _flow.Room(room, _rules.Timeline, now);
            }

            return total;
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _siteId = this.GetPrimaryKeyString();
        _own = new DeviceTable(_siteId);
        _county = GrainFactory.GetGrain<IRegionGrain>(RegionCodes.CountyOfSite(_siteId));
        _batch = new PushBatch(this, push.Value.FlushInterval, Flush);
        var now = time.GetUtcNow();
        // Alarm ids stay unique across activations: the prefix is the activation's time.
        _rules = new SiteRules(_siteId, $"{_siteId}-{now.ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture)}", rules.Value.Enabled);
        var period = liveness.Value.StatusInterval;
        this.RegisterGrainTimer(async _ =>
        {
            await SweepOffline();
            await EvaluateRules();
            await RollUp();
        }, new GrainTimerCreationOptions(period, period) { KeepAlive = false });

        Restore(state.State);
        RestoreAlarms();
        _history = ServiceProvider.GetService<IHistorySink>();

        // The plan grain never calls a site, so asking it here cannot close a cycle.
        if (await GrainFactory.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetSitePlan(_siteId) is { } plan)
        {
            UsePlan(plan, now);
        }
    }

    private void Restore(SiteState saved)
    {
        _known = saved.Known;
        _online = saved.Online;
        _agentVersion = saved.AgentVersion;
        _presenceAt = saved.PresenceAt;
        foreach (var (key, tally) in saved.Holders)
        {
            _holders[key] = tally;
            _holdersTotal += tally;
        }

        _own.Restore(saved.Own);
        foreach (var ev in saved.RecentEvents)
        {
            _recentEvents.Enqueue(ev);
        }

        foreach (var id in saved.RecentReportIds)
        {
            _reportIds.Add(id);
        }

        // A new activation reports its tally once: the county may have missed the last flush.
        if (_known)
        {
            _batch.MarkDirty();
        }
    }

    private void RestoreAlarms()
    {
        _rules.Restore(alarms.State);
        _savedAlarmVersion = _rules.Book.Version;
        _savedZeroReports = _rules.Facts.ZeroReports.Count;
        if (_rules.Book.HasChanges)
        {
            _known = true;
            _batch.MarkDirty();
        }
    }

    // The alarm book (history included, bounded by AlarmBook.ClosedKept) is written when it changed: after a
    // person's step before the call returns, otherwise with the next flush. A rule's alarm lost in a crash
    // between two flushes comes back from the next check of its cause.
    private async Task SaveAlarms()
    {
        var version = _rules.Book.Version;
        var zeroReports = _rules.Facts.ZeroReports.Count;
        if (version == _savedAlarmVersion && zeroReports == _savedZeroReports)
        {
            return;
        }

        alarms.State = _rules.Snapshot();
        await alarms.WriteStateAsync();
        _savedAlarmVersion = version;
        _savedZeroReports = zeroReports;
    }

    // Written before the call returns, so what ingest acknowledged survives the silo. When storage
    // refuses, the activation is dropped and the caller's retry starts from what is stored.
    private async Task Save()
    {
        try
        {
            state.State = new SiteState
            {
                Known = _known,
                Online = _online,
                AgentVersion = _agentVersion,
                PresenceAt = _presenceAt,
                Holders = new Dictionary<string, Tally>(_holders, StringComparer.Ordinal),
                Own = _own.Snapshot(),
                RecentEvents = [.. _recentEvents],
                RecentReportIds = _reportIds.Newest(PersistedReportIds),
            };
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    public async Task SetPresence(bool online, string? agentVersion, DateTimeOffset at, IReadOnlyList<InventoryItem> siteDevices)
    {
        _known = true;
        _online = online;
        _presenceAt = at;
        _rules.OnPresence(online, time.GetUtcNow());
        if (online)
        {
            _agentVersion = agentVersion;
            Collect(_own.AddInventory(siteDevices), []);
        }

        await Save();
        _batch.MarkDirty();
    }

    public async Task<ApplyResult> Apply(IReadOnlyList<DeviceUpdate> updates)
    {
        _known = true;
        var changed = new List<DeviceView>();
        var events = new List<EventView>();
        var result = _own.Apply(updates, changed, events);
        Observe(changed, events);
        Collect(changed, events);
        if (result.Applied > 0)
        {
            await Save();
        }

        await Remember(events);
        _batch.MarkDirty();
        return result;
    }

    public async Task ReportHolder(string key, Tally tally, IReadOnlyList<DeviceView> changed, IReadOnlyList<EventView> events)
    {
        _known = true;
        var previous = _holders.GetValueOrDefault(key);
        _holders[key] = tally;
        _holdersTotal += tally - previous;
        if (tally != previous)
        {
            _pendingHolders.Add(key);
        }

        Observe(changed, events);
        Collect(changed, events);
        if (tally != previous || events.Count > 0)
        {
            await Save();
        }

        _batch.MarkDirty();
    }

    public async Task<bool> RecordReport(SiteReport report)
    {
        _known = true;
        if (!_reportIds.Add(report.MsgId))
        {
            return false;
        }

        _rules.OnReport(report);
        var ev = new EventView(_siteId, null, "agent", null, $"report_{report.Type}", report.Ts, report.Session);
        Collect([], [ev]);
        await Save();
        await SaveAlarms();
        _batch.MarkDirty();
        return true;
    }

    public Task<SiteDetail?> GetDetail() => Task.FromResult(_known
        ? new SiteDetail(_siteId, _online, _agentVersion, _presenceAt, Tally,
            _holders.Keys.Union(_flow.Rooms).Order(StringComparer.Ordinal).Select(RoomTally).ToList(),
            _own.Views(), _recentEvents.Reverse().ToList())
        : null);

    public async Task SweepOffline()
    {
        var changed = new List<DeviceView>();
        _own.SweepOffline(time.GetUtcNow(), liveness.Value.OfflineAfter, changed);
        if (changed.Count > 0)
        {
            Collect(changed, []);
            await Save();
            _batch.MarkDirty();
        }

        await Remember([]);
    }

    // The site's own devices (gate readers…) go to history like a room's.
    private async Task Remember(IReadOnlyList<EventView> events)
    {
        var transitions = _own.TakeTransitions();
        if (_history is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (device, from) in transitions)
        {
            await _history.DeviceStateChanged(_siteId, device, from, now);
        }

        foreach (var ev in events)
        {
            await _history.DeviceEvent(ev);
        }
    }

    // Once per roll-up slot: device counts and clock offsets as a time series (state changes alone
    // cannot show a clock drifting while it stays "ok"). Offline clocks are left out: their offset is stale.
    private async Task RollUp()
    {
        if (_history is null || !_known)
        {
            return;
        }

        var now = time.GetUtcNow();
        var slot = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % _history.RollupInterval.Ticks), TimeSpan.Zero);
        if (slot <= _rolledUp)
        {
            return;
        }

        _rolledUp = slot;
        var clocks = _rules.Facts.Devices.Values
            .Where(d => d.Kind == DeviceKind.Clock && d.OffsetMs is not null && d.State != DeviceState.Offline)
            .Select(d => new ClockReading(d.Room ?? "", d.Id, d.OffsetMs!.Value))
            .ToList();
        await _history.SiteRollup(new SiteRollup(_siteId, slot, Tally, clocks));
    }

    public Task ApplyPlan(SitePlan plan)
    {
        UsePlan(plan, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task EvaluateRules()
    {
        var now = time.GetUtcNow();
        var moved = _flow.Follow(_rules.Timeline, _rules.Plan?.Thresholds ?? new RuleThresholds(), now);
        if (moved)
        {
            _pendingHolders.UnionWith(_flow.Rooms);
        }

        _rules.Tick(now);
        // Only when something changed: a push per tick would be noise (and observers may see pushes out of order).
        if (_rules.Book.HasChanges || moved || (_known && Tally != _reported))
        {
            _batch.MarkDirty();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AlarmView>> GetAlarms(bool includeClosed) => Task.FromResult(_rules.Book.List(includeClosed));

    public Task<AlarmActionResult> Acknowledge(string alarmId, string by) => Act(b => b.Acknowledge(alarmId, by, time.GetUtcNow()));

    public Task<AlarmActionResult> Dispatch(string alarmId, string by, string inspector) =>
        Act(b => b.Dispatch(alarmId, by, inspector, time.GetUtcNow()));

    public Task<AlarmActionResult> Resolve(string alarmId, string by, string? note) => Act(b => b.Resolve(alarmId, by, note, time.GetUtcNow()));

    public async Task RaiseAlarm(string cause, string key, AlarmSeverity severity, string? room, string? detail)
    {
        _known = true;
        _rules.Book.Raise(new CauseHit(cause, key, severity, room, null, detail), time.GetUtcNow());
        _batch.MarkDirty();
        await SaveAlarms();
    }

    public Task ReportCameraConditions(CameraConditions conditions)
    {
        // A camera alone does not make a site known (a test camera's site would turn up offline on the map); its alarm does.
        _known |= conditions.Any;
        _rules.OnCameraConditions(conditions, time.GetUtcNow());
        if (_rules.Book.HasChanges)
        {
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

    private async Task<AlarmActionResult> Act(Func<AlarmBook, AlarmActionResult> action)
    {
        var result = action(_rules.Book);
        if (_rules.Book.HasChanges)
        {
            _batch.MarkDirty();
        }

        await SaveAlarms();
        return result;
    }

    private void UsePlan(SitePlan plan, DateTimeOffset now)
    {
        var listed = plan.Site is not null;
        _known |= listed;
        _flow.ApplyPlan(listed ? plan : null);
        _flow.Follow(new ExamTimeline(plan.Sessions, plan.Thresholds), plan.Thresholds, now);
        _rules.ApplyPlan(listed ? plan : null, now);
        _pendingHolders.UnionWith(_flow.Rooms.Where(_holders.ContainsKey));
        _batch.MarkDirty();
    }

    private void Observe(IReadOnlyList<DeviceView> changed, IReadOnlyList<EventView> events)
    {
        var now = time.GetUtcNow();
        _rules.OnDevices(changed, now);
        _rules.OnEvents(events, now);
        if (events.Count > 0 && _flow.OnEvents(events, _rules.Timeline, _rules.Plan is not null))
        {
            foreach (var ev in events)
            {
                if (ev.Room is not null)
                {
                    _pendingHolders.Add(ev.Room);
                }
            }
        }
    }

    private ChildTally RoomTally(string room) =>
        new(room, _holders.GetValueOrDefault(room) + _flow.Room(room, _rules.Timeline, time.GetUtcNow()));

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

        _alarmsForSite.Clear();
        _alarmsForRegions.Clear();
        _rules.Book.TakeChanged(_alarmsForSite, _alarmsForRegions);
        try
        {
            await SaveAlarms();
        }
        catch (Exception e)
        {
            // Tried again with the next flush; the push below must not wait for storage.
            logger.LogWarning(e, "Site {SiteId}: alarms not stored", _siteId);
        }

        var tally = Tally;
        if (tally != _reported)
        {
            _reported = tally;
            await _county.ReportChild(_siteId, tally);
        }

        if (_alarmsForRegions.Count > 0)
        {
            await _county.ReportAlarms(_alarmsForRegions.ToList());
        }

        if (_notableEvents.Count > 0)
        {
            var notable = _notableEvents.ToList();
            _notableEvents.Clear();
            await _county.ReportEvents(notable);
        }

        if (_observers.Count > 0)
        {
            var rooms = _pendingHolders.Select(RoomTally).ToList();
            var change = new SiteChange(_siteId, _online, tally, rooms, _pendingDevices.Values.ToList(), _pendingEvents.ToList(),
                _alarmsForSite.Count > 0 ? _alarmsForSite.ToList() : null);
            // Not awaited: a slow silo observer must never hold up the site (and so its rooms and ingest).
            _observers.Notify(o => o.OnSiteChanged(change).Ignore());
        }

        _pendingHolders.Clear();
        _pendingDevices.Clear();
        _pendingEvents.Clear();
    }
}
