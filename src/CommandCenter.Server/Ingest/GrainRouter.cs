using CommandCenter.Abstractions;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Ingest;

/// <summary>
/// Groups accepted updates per grain for a short window and makes one call per grain per window,
/// with a bound on calls in flight. A room's five statuses and its ID checks of the last 20 ms
/// become one grain call, not six. A grain has at most one call in flight: while it is busy its
/// new updates wait and join the next call, so a slow grain batches more instead of taking many
/// of the shared call slots, and its updates arrive in order. A message's broker acknowledgement
/// waits for every call carrying a part of it; a failed call (a silo died) is retried until a
/// grain takes it, so nothing acknowledged is lost.
/// </summary>
public sealed class GrainRouter(
    IGrainFactory grains,
    IngestStats stats,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ILogger<GrainRouter> logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _inFlight = new(options.Value.MaxInFlightGrainCalls);
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private Pending _pending = new();
    private int _pendingItems;
    private long _lastFailureLog;

    /// <summary>Items waiting for the next window; ingest workers slow down when this is high.</summary>
    public int PendingItems => Volatile.Read(ref _pendingItems);

    public int CallsInFlight => options.Value.MaxInFlightGrainCalls - _inFlight.CurrentCount;

    public void Add(string siteId, IReadOnlyList<DeviceUpdate> updates) => Add(siteId, updates, DeliveryAck.None());

    public void Add(string siteId, IReadOnlyList<DeviceUpdate> updates, DeliveryAck ack)
    {
        lock (_gate)
        {
            foreach (var update in updates)
            {
                var holder = GrainKeys.HolderOf(update.Room, update.Kind);
                var key = holder is null ? siteId : $"{siteId}/{holder}";
                if (!_pending.Devices.TryGetValue(key, out var batch))
                {
                    batch = new DeviceBatch();
                    _pending.Devices[key] = batch;
                }

                batch.Updates.Add(update);
                // A message's updates for one grain arrive together: one hold per grain call.
                if (batch.Acks.Count == 0 || batch.Acks[^1] != ack)
                {
                    ack.Hold();
                    batch.Acks.Add(ack);
                }
            }

            _pendingItems += updates.Count;
        }
    }

    public void Add(EdgeMessage message) => Add(message, DeliveryAck.None());

    public void Add(EdgeMessage message, DeliveryAck ack)
    {
        ack.Hold();
        AddHeld(message, ack);
    }

    private void AddHeld(EdgeMessage message, DeliveryAck ack)
    {
        lock (_gate)
        {
            _pending.Others.Add((message, ack));
            _pendingItems++;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.BatchWindow, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            Pending batch;
            lock (_gate)
            {
                if (_pendingItems == 0)
                {
                    continue;
                }

                batch = _pending;
                _pending = new Pending();
                _pendingItems = 0;
            }

            await Dispatch(batch, cancellationToken);
        }
    }

    private async Task Dispatch(Pending batch, CancellationToken cancellationToken)
    {
        // Presence first, so that a site's inventory is in place before its readings land.
        foreach (var (message, ack) in batch.Others)
        {
            await _inFlight.WaitAsync(cancellationToken);
            _ = Track(message.SiteId, 1, () => Deliver(message), [ack], cancellationToken, retry: () => AddHeld(message, ack));
        }

        foreach (var (key, devices) in batch.Devices)
        {
            if (!TryMarkBusy(key, devices))
            {
                continue;
            }

            await _inFlight.WaitAsync(cancellationToken);
            var siteId = key[..8];
            _ = Track(siteId, devices.Updates.Count, () => ApplyDevices(key, siteId, devices.Updates), devices.Acks, cancellationToken,
                retry: () => PutBack(key, devices), busyKey: key);
        }
    }

    /// <summary>Marks a grain busy; when it already is, puts the updates back for the next window.</summary>
    private bool TryMarkBusy(string key, DeviceBatch devices)
    {
        lock (_gate)
        {
            if (_busy.Add(key))
            {
                return true;
            }

            PutBackLocked(key, devices);
            return false;
        }
    }

    private void PutBack(string key, DeviceBatch devices)
    {
        lock (_gate)
        {
            PutBackLocked(key, devices);
        }
    }

    // Older updates go first, so the grain still sees them in order.
    private void PutBackLocked(string key, DeviceBatch devices)
    {
        if (_pending.Devices.TryGetValue(key, out var newer))
        {
            newer.Updates.InsertRange(0, devices.Updates);
            newer.Acks.InsertRange(0, devices.Acks);
        }
        else
        {
            _pending.Devices[key] = devices;
        }

        _pendingItems += devices.Updates.Count;
    }

    private Task<ApplyResult> ApplyDevices(string key, string siteId, List<DeviceUpdate> updates)
    {
        if (key.Length == 8)
        {
            return grains.GetGrain<ISiteGrain>(siteId).Apply(updates);
        }

        var holder = key[9..];
        return holder == GrainKeys.Vault
            ? grains.GetGrain<IVaultGrain>(siteId).Apply(updates)
            : grains.GetGrain<IRoomGrain>(GrainKeys.Room(siteId, holder)).Apply(updates);
    }

    private async Task<ApplyResult> Deliver(EdgeMessage message)
    {
        var now = time.GetUtcNow();
        switch (message)
        {
            case PresenceMessage p:
                var devices = p.Devices.Select(d => new InventoryItem(d.DeviceId, d.Kind, d.Room)).ToList();
                await grains.Announce(p.SiteId, p.Online, p.AgentVersion, p.Ts ?? now, devices);
                return new ApplyResult(1, 0, 0);
            case CustodyMessage c:
                var record = new CustodyRecord(c.SiteId, c.MsgId, c.Ts, c.Action, c.Room, c.Staff, c.Count, c.Note, now);
                return await grains.GetGrain<IPaperBagGrain>(c.Bag).Record(record) ? new(1, 0, 0) : new(0, 1, 0);
            case ReportMessage r:
                var report = new SiteReport(r.MsgId, r.Ts, r.Type, r.Session, r.Text, r.By);
                return await grains.GetGrain<ISiteGrain>(r.SiteId).RecordReport(report) ? new(1, 0, 0) : new(0, 1, 0);
            default:
                // Command acknowledgements are counted; tracking them arrives with commands.
                return new ApplyResult(1, 0, 0);
        }
    }

    private async Task Track(
        string siteId,
        int items,
        Func<Task<ApplyResult>> call,
        List<DeliveryAck> acks,
        CancellationToken cancellationToken,
        Action retry,
        string? busyKey = null)
    {
        var failed = false;
        try
        {
            var result = await call();
            stats.RecordAccepted(siteId, result.Applied);
            stats.RecordDuplicates(siteId, result.Duplicates);
            stats.RecordOutOfOrder(siteId, result.OutOfOrder);
            foreach (var ack in acks)
            {
                ack.Release();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failed = true;
            stats.RecordFailedGrainCall(items);
            LogFailure(ex, siteId);
        }
        finally
        {
            _inFlight.Release();
        }

        if (failed && !cancellationToken.IsCancellationRequested)
        {
            // The grain's silo died or storage refused: try again after a pause (the cluster
            // moves the grain to a live silo meanwhile). The grain stays busy, so newer updates wait.
            await Task.Delay(options.Value.RetryDelay, time, CancellationToken.None);
            retry();
        }

        if (busyKey is not null)
        {
            lock (_gate)
            {
                _busy.Remove(busyKey);
            }
        }
    }

    // At most one log line every 5 s: a sick silo must not flood the log per message.
    private void LogFailure(Exception ex, string siteId)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastFailureLog);
        if (now - last > 5000 && Interlocked.CompareExchange(ref _lastFailureLog, now, last) == last)
        {
            logger.LogWarning(ex, "Grain call for site {SiteId} failed; failures are counted in ingest stats", siteId);
        }
    }

    private sealed class Pending
    {
        public Dictionary<string, DeviceBatch> Devices { get; } = new(StringComparer.Ordinal);

        public List<(EdgeMessage Message, DeliveryAck Ack)> Others { get; } = [];
    }

    private sealed class DeviceBatch
    {
        public List<DeviceUpdate> Updates { get; } = [];

        public List<DeliveryAck> Acks { get; } = [];
    }
}
