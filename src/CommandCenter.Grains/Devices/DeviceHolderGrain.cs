using CommandCenter.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Grains.Devices;

/// <summary>
/// A grain that holds devices (a room or the vault) and reports its tally and changed devices to
/// its site after every change. A timer marks silent devices offline. A change is written to
/// storage before the call returns: what ingest acknowledges survives the silo.
/// </summary>
internal abstract class DeviceHolderGrain(
    IOptions<LivenessOptions> liveness,
    TimeProvider time,
    IPersistentState<DeviceTableState> state) : Grain, IDeviceHolderGrain
{
    private DeviceTable _table = null!;
    private ISiteGrain _site = null!;
    private Tally _reported;
    private IHistorySink? _history;

    protected abstract string SiteId { get; }

    /// <summary>How the site names this holder: the room number, or <c>vault</c>.</summary>
    protected abstract string HolderKey { get; }

    protected abstract bool IsRoom { get; }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _table = new DeviceTable(SiteId);
        _table.Restore(state.State);
        _history = ServiceProvider.GetService<IHistorySink>();
        _site = GrainFactory.GetGrain<ISiteGrain>(SiteId);
        var period = liveness.Value.StatusInterval;
        this.RegisterGrainTimer(_ => SweepOffline(), new GrainTimerCreationOptions(period, period) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public async Task<ApplyResult> Apply(IReadOnlyList<DeviceUpdate> updates)
    {
        var changed = new List<DeviceView>();
        var events = new List<EventView>();
        var result = _table.Apply(updates, changed, events);
        if (result.Applied > 0)
        {
            await Save();
        }

        await Remember(events);
        await Report(changed, events);
        return result;
    }

    public async Task SetInventory(IReadOnlyList<InventoryItem> devices)
    {
        var added = _table.AddInventory(devices);
        if (added.Count > 0)
        {
            await Save();
        }

        await Report(added, []);
    }

    public Task<HolderView> GetView() => Task.FromResult(new HolderView(HolderKey, _table.Tally(IsRoom), _table.Views()));

    public async Task SweepOffline()
    {
        var changed = new List<DeviceView>();
        _table.SweepOffline(time.GetUtcNow(), liveness.Value.OfflineAfter, changed);
        if (changed.Count > 0)
        {
            await Save();
        }

        await Remember([]);
        await Report(changed, []);
    }

    private async Task Remember(IReadOnlyList<EventView> events)
    {
        var transitions = _table.TakeTransitions();
        if (_history is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (device, from) in transitions)
        {
            await _history.DeviceStateChanged(SiteId, device, from, now);
        }

        foreach (var ev in events)
        {
            await _history.DeviceEvent(ev);
        }
    }

    // When storage refuses, memory is ahead of storage: drop the activation so the caller's retry
    // starts again from what is stored instead of calling the change a duplicate.
    private async Task Save()
    {
        try
        {
            state.State = _table.Snapshot();
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    // Awaited: the site sees this holder's reports in the order they were made. The site never
    // calls its rooms, so waiting on it cannot close a cycle.
    private Task Report(IReadOnlyList<DeviceView> changed, IReadOnlyList<EventView> events)
    {
        var tally = _table.Tally(IsRoom);
        if (changed.Count == 0 && events.Count == 0 && tally == _reported)
        {
            return Task.CompletedTask;
        }

        _reported = tally;
        return _site.ReportHolder(HolderKey, tally, changed, events);
    }
}
