using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Devices;

/// <summary>
/// The devices of one holder (a room, the vault or a site's own devices) with their counts kept
/// incrementally. Plain C# so that grains stay thin and the logic is tested without a silo.
/// </summary>
internal sealed class DeviceTable(string siteId)
{
    // A room sees ~30 candidates per session; the cap only bounds a reader gone mad.
    private const int MaxTickets = 1024;

    private readonly Dictionary<string, DeviceEntry> _devices = new(StringComparer.Ordinal);
    private readonly int[] _byState = new int[4];
    private readonly HashSet<string> _matchedTickets = new(StringComparer.Ordinal);
    private readonly RecentIds _eventIds = new(4096);
    private int _idRejected;
    private List<(DeviceView Device, DeviceState From)> _transitions = [];
    private bool _tracking = true;

    // Redelivery after a failover is recent: this many event ids are enough to recognise it.
    private const int PersistedEventIds = 512;

    public int Count => _devices.Count;

    public DeviceTableState Snapshot() => new()
    {
        Devices = _devices.Values.Select(d => d.ToView()).ToList(),
        MatchedTickets = [.. _matchedTickets],
        IdRejected = _idRejected,
        RecentEventIds = _eventIds.Newest(PersistedEventIds),
    };

    public void Restore(DeviceTableState state)
    {
        _tracking = false;
        foreach (var view in state.Devices)
        {
            var device = GetOrAdd(view.Id, view.Kind, view.Room);
            device.LastSeen = view.LastSeen;
            device.StatusTs = view.Ts;
            device.DataJson = view.DataJson;
            device.LastEvent = view.LastEvent;
            SetState(device, view.State);
        }

        _matchedTickets.UnionWith(state.MatchedTickets);
        _idRejected = state.IdRejected;
        foreach (var id in state.RecentEventIds)
        {
            _eventIds.Add(id);
        }

        _tracking = true;
    }

    /// <summary>Counts of this table; <paramref name="asRoom"/> adds the room's own line.</summary>
    public Tally Tally(bool asRoom) => new(
        SitesTotal: 0,
        SitesOnline: 0,
        RoomsTotal: asRoom ? 1 : 0,
        RoomsAllOk: asRoom && _devices.Count > 0 && _byState[(int)DeviceState.Ok] == _devices.Count ? 1 : 0,
        DevicesOk: _byState[(int)DeviceState.Ok],
        DevicesFault: _byState[(int)DeviceState.Fault],
        DevicesOffline: _byState[(int)DeviceState.Offline],
        DevicesUnknown: _byState[(int)DeviceState.Unknown],
        CandidatesVerified: _matchedTickets.Count,
        IdRejected: _idRejected);

    public IReadOnlyList<DeviceView> Views() => _devices.Values.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => d.ToView()).ToList();

    /// <summary>Adds announced devices that are not known yet; returns the new ones.</summary>
    public IReadOnlyList<DeviceView> AddInventory(IEnumerable<InventoryItem> items)
    {
        var added = new List<DeviceView>();
        foreach (var item in items)
        {
            if (!_devices.ContainsKey(item.DeviceId))
            {
                added.Add(GetOrAdd(item.DeviceId, item.Kind, item.Room).ToView());
            }
        }

        return added;
    }

    /// <summary>
    /// Applies updates in order. A status older than the device's latest is skipped as out of
    /// order; an event seen before (same msgId) is skipped as a duplicate.
    /// </summary>
    public ApplyResult Apply(IReadOnlyList<DeviceUpdate> updates, ICollection<DeviceView> changed, ICollection<EventView> events)
    {
        var result = default(ApplyResult);
        var touched = new HashSet<DeviceEntry>();
        foreach (var update in updates)
        {
            var device = GetOrAdd(update.DeviceId, update.Kind, update.Room);
            if (update.IsEvent)
            {
                if (!_eventIds.Add(update.MsgId))
                {
                    result += new ApplyResult(0, 1, 0);
                    continue;
                }

                ApplyEvent(device, update);
                events.Add(new EventView(siteId, update.Room, update.DeviceId, update.Kind, update.EventType ?? "", update.Ts, EventDetail(update)));
            }
            else if (device.StatusTs is { } latest && update.Ts < latest)
            {
                result += new ApplyResult(0, 0, 1);
                continue;
            }
            else
            {
                device.StatusTs = update.Ts;
                device.DataJson = update.DataJson;
                SetState(device, update.State ?? DeviceState.Ok);
            }

            device.Kind = update.Kind;
            if (device.LastSeen is null || update.ReceivedAt > device.LastSeen)
            {
                device.LastSeen = update.ReceivedAt;
            }

            touched.Add(device);
            result += new ApplyResult(1, 0, 0);
        }

        foreach (var device in touched)
        {
            changed.Add(device.ToView());
        }

        return result;
    }

    /// <summary>Marks devices silent for longer than <paramref name="offlineAfter"/> offline.</summary>
    public void SweepOffline(DateTimeOffset now, TimeSpan offlineAfter, ICollection<DeviceView> changed)
    {
        foreach (var device in _devices.Values)
        {
            if (device.State is DeviceState.Ok or DeviceState.Fault && device.LastSeen is { } seen && now - seen > offlineAfter)
            {
                SetState(device, DeviceState.Offline);
                changed.Add(device.ToView());
            }
        }
    }

    private void ApplyEvent(DeviceEntry device, DeviceUpdate update)
    {
        device.LastEvent = update.EventType;
        if (update.Kind == DeviceKind.IdReader && update.EventType == "verify")
        {
            if (update.Result == "match")
            {
                if (update.Ticket is not null && _matchedTickets.Count < MaxTickets)
                {
                    _matchedTickets.Add(update.Ticket);
                }
            }
            else
            {
                _idRejected++;
            }
        }

        // An event only moves the state when it is not older than the latest status.
        if (update.State is { } implied && (device.StatusTs is null || update.Ts >= device.StatusTs))
        {
            SetState(device, implied);
        }
    }

    private DeviceEntry GetOrAdd(string id, DeviceKind kind, string? room)
    {
        if (!_devices.TryGetValue(id, out var device))
        {
            device = new DeviceEntry(id, kind, room);
            _devices.Add(id, device);
            _byState[(int)DeviceState.Unknown]++;
        }

        return device;
    }

    /// <summary>Transitions since the last call (device, previous state): what history keeps.</summary>
    public List<(DeviceView Device, DeviceState From)> TakeTransitions()
    {
        var taken = _transitions;
        _transitions = [];
        return taken;
    }

    private void SetState(DeviceEntry device, DeviceState state)
    {
        if (device.State != state && _tracking)
        {
            _transitions.Add((device.ToView() with { State = state }, device.State));
        }

        _byState[(int)device.State]--;
        _byState[(int)state]++;
        device.State = state;
    }

    private static string? EventDetail(DeviceUpdate update) =>
        update.Ticket is not null ? $"{update.Result} {update.Ticket}" : update.Result;
}
