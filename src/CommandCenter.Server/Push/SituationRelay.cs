using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Grains;
using CommandCenter.Server.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Push;

/// <summary>
/// This silo's single observer of the grains its SignalR clients watch. Grains push changes here
/// (at most a few times a second each); the relay merges them per connection and sends each
/// connection at most one message per interval, so a client never gets one message per device.
/// </summary>
public sealed class SituationRelay(
    IGrainFactory grains,
    IHubContext<SituationHub> hub,
    SituationReader reader,
    IOptions<PushOptions> push,
    TimeProvider time,
    PushMetrics metrics,
    ILogger<SituationRelay> logger) : BackgroundService, ISituationObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _topicsByConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _connectionsByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingChanges> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<ChangesDto, Task>> _localSinks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _grainSubscribed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _delivering = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _topicTurns = new(StringComparer.Ordinal);
    private ISituationObserver? _self;
    private volatile bool _renewNow;

    /// <summary>A silo died: its grains come back elsewhere without our subscriptions, so renew at the next tick.</summary>
    public void RenewSoon() => _renewNow = true;

    /// <summary>
    /// Registers an in-process subscriber (a dashboard circuit) under <paramref name="subscriberId"/>:
    /// its merged changes are handed to <paramref name="deliver"/> instead of a SignalR hub client.
    /// Subscribe and Drop work for it as for a hub connection.
    /// </summary>
    public void Attach(string subscriberId, Func<ChangesDto, Task> deliver)
    {
        lock (_gate)
        {
            _localSinks[subscriberId] = deliver;
        }
    }

    /// <summary>Adds a connection to a topic and, for the first one, subscribes this silo to the grain.</summary>
    public async Task Subscribe(string connectionId, SituationTopic topic)
    {
        bool first;
        lock (_gate)
        {
            Add(_topicsByConnection, connectionId, topic.Name);
            first = Add(_connectionsByTopic, topic.Name, connectionId);
        }

        if (first)
        {
            await SyncGrainSubscription(topic);
        }
    }

    public async Task Unsubscribe(string connectionId, SituationTopic topic)
    {
        if (Remove(connectionId, topic.Name))
        {
            await SyncGrainSubscription(topic);
        }
    }

    /// <summary>
    /// Brings the grain's subscription in line with whether anyone here watches the topic, one call per
    /// topic at a time. A page that leaves while the next one arrives would otherwise send an unsubscribe
    /// and a subscribe concurrently, which may reach the grain in either order and leave the newcomer deaf
    /// until the next renewal.
    /// </summary>
    private async Task SyncGrainSubscription(SituationTopic topic)
    {
        var turn = _topicTurns.GetOrAdd(topic.Name, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync();
        try
        {
            bool wanted, subscribed;
            lock (_gate)
            {
                wanted = _connectionsByTopic.ContainsKey(topic.Name);
                subscribed = _grainSubscribed.Contains(topic.Name);
            }

            if (wanted && !subscribed)
            {
                await Observable(topic).Subscribe(Self);
                lock (_gate)
                {
                    _grainSubscribed.Add(topic.Name);
                }
            }
            else if (!wanted && subscribed)
            {
                lock (_gate)
                {
                    _grainSubscribed.Remove(topic.Name);
                }

                await Observable(topic).Unsubscribe(Self);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    public async Task Drop(string connectionId)
    {
        List<string> topics;
        lock (_gate)
        {
            topics = _topicsByConnection.TryGetValue(connectionId, out var set) ? set.ToList() : [];
            _pending.Remove(connectionId);
            _localSinks.Remove(connectionId);
        }

        foreach (var topic in topics)
        {
            await Unsubscribe(connectionId, SituationTopic.Parse(topic));
        }
    }

    public Task OnSiteChanged(SiteChange change)
    {
        metrics.Record(change);
        Enqueue(SituationTopic.Site(change.SiteId).Name, p =>
        {
            p.Sites[change.SiteId] = Merge(p.Sites.GetValueOrDefault(change.SiteId), change);
            p.AddAlarms(change.Alarms);
        });
        return Task.CompletedTask;
    }

    public Task OnRegionChanged(RegionChange change)
    {
        Enqueue(SituationTopic.Region(change.Code).Name, p =>
        {
            p.Regions[change.Code] = Merge(p.Regions.GetValueOrDefault(change.Code), change);
            p.AddAlarms(change.Alarms);
        });
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = push.Value.FlushInterval;
        var renewEvery = push.Value.RenewInterval < push.Value.ObserverExpiry / 3 ? push.Value.RenewInterval : push.Value.ObserverExpiry / 3;
        var lastRenewal = time.GetTimestamp();
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Flush();
            if (_renewNow || time.GetElapsedTime(lastRenewal) >= renewEvery)
            {
                _renewNow = false;
                lastRenewal = time.GetTimestamp();
                await Renew();
            }
        }
    }

    private ISituationObserver Self => _self ??= grains.CreateObjectReference<ISituationObserver>(this);

    private IObservableGrain Observable(SituationTopic topic) => topic.IsSite
        ? grains.GetGrain<ISiteGrain>(topic.Key)
        : grains.GetGrain<IRegionGrain>(topic.Key);

    /// <summary>
    /// Hands each connection its merged changes without waiting for it. A connection still busy with
    /// its previous message keeps collecting (its pending changes merge further) and is served at a
    /// later tick: a closed page whose circuit is not yet dropped can take a minute to fail a JS call,
    /// and it must not hold up every other screen meanwhile.
    /// </summary>
    private void Flush()
    {
        List<(string Connection, PendingChanges Changes, Func<ChangesDto, Task>? Sink)> ready = [];
        lock (_gate)
        {
            foreach (var (connectionId, changes) in _pending)
            {
                if (!_delivering.Contains(connectionId))
                {
                    ready.Add((connectionId, changes, _localSinks.GetValueOrDefault(connectionId)));
                }
            }

            foreach (var (connectionId, _, _) in ready)
            {
                _pending.Remove(connectionId);
                _delivering.Add(connectionId);
            }
        }

        var now = time.GetUtcNow();
        foreach (var (connectionId, changes, sink) in ready)
        {
            var message = new ChangesDto(now,
                changes.Regions.Values.Select(reader.Describe).ToList(),
                changes.Sites.Values.Select(SiteChangeDto.From).ToList(),
                changes.Alarms.Values.Select(AlarmDto.From).ToList());
            _ = Deliver(connectionId, message, sink);
        }
    }

    private async Task Deliver(string connectionId, ChangesDto message, Func<ChangesDto, Task>? sink)
    {
        try
        {
            await (sink is not null
                ? sink(message)
                : hub.Clients.Client(connectionId).SendAsync(SituationHub.ChangesMethod, message));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Push to {Connection} failed", connectionId);
        }
        finally
        {
            lock (_gate)
            {
                _delivering.Remove(connectionId);
            }
        }
    }

    private async Task Renew()
    {
        List<string> topics;
        lock (_gate)
        {
            topics = _connectionsByTopic.Keys.ToList();
        }

        foreach (var topic in topics)
        {
            try
            {
                await Observable(SituationTopic.Parse(topic)).Subscribe(Self);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Renewing the subscription to {Topic} failed; next round retries", topic);
            }
        }
    }

    private void Enqueue(string topic, Action<PendingChanges> apply)
    {
        lock (_gate)
        {
            if (!_connectionsByTopic.TryGetValue(topic, out var connections))
            {
                return;
            }

            foreach (var connection in connections)
            {
                if (!_pending.TryGetValue(connection, out var pending))
                {
                    pending = new PendingChanges();
                    _pending[connection] = pending;
                }

                apply(pending);
            }
        }
    }

    /// <summary>Removes a connection from a topic; true when it was the topic's last one.</summary>
    private bool Remove(string connectionId, string topic)
    {
        lock (_gate)
        {
            if (_topicsByConnection.TryGetValue(connectionId, out var topics))
            {
                topics.Remove(topic);
                if (topics.Count == 0)
                {
                    _topicsByConnection.Remove(connectionId);
                }
            }

            if (!_connectionsByTopic.TryGetValue(topic, out var connections) || !connections.Remove(connectionId))
            {
                return false;
            }

            if (connections.Count > 0)
            {
                return false;
            }

            _connectionsByTopic.Remove(topic);
            return true;
        }
    }

    private static bool Add(Dictionary<string, HashSet<string>> index, string key, string value)
    {
        if (!index.TryGetValue(key, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            index[key] = set;
        }

        return set.Add(value) && set.Count == 1;
    }

    // Two changes of one grain within an interval become one: latest counts, the newest view of each
    // room, device and child, events appended (the last 50).
    private static SiteChange Merge(SiteChange? older, SiteChange newer) => older is null
        ? newer
        : newer with
        {
            Rooms = Latest(older.Rooms, newer.Rooms, r => r.Code),
            Devices = Latest(older.Devices, newer.Devices, d => d.Id),
            Events = older.Events.Concat(newer.Events).TakeLast(50).ToList(),
        };

    private static RegionChange Merge(RegionChange? older, RegionChange newer) => older is null
        ? newer
        : newer with
        {
            Children = Latest(older.Children, newer.Children, c => c.Code),
            Events = older.Events.Concat(newer.Events).TakeLast(50).ToList(),
        };

    private static List<T> Latest<T>(IEnumerable<T> older, IEnumerable<T> newer, Func<T, string> key)
    {
        var merged = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in older.Concat(newer))
        {
            merged[key(item)] = item;
        }

        return merged.Values.ToList();
    }

    private sealed class PendingChanges
    {
        public Dictionary<string, SiteChange> Sites { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, RegionChange> Regions { get; } = new(StringComparer.Ordinal);

        /// <summary>The latest view of each alarm that changed, whichever grain reported it.</summary>
        public Dictionary<string, AlarmView> Alarms { get; } = new(StringComparer.Ordinal);

        public void AddAlarms(IReadOnlyList<AlarmView>? alarms)
        {
            foreach (var alarm in alarms ?? [])
            {
                Alarms[alarm.Id] = alarm;
            }
        }
    }
}
