using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Devices;

/// <summary>The site's device inventory (announced in presence) and each device's latest status and event.</summary>
public sealed class DeviceRegistry
{
    private readonly Dictionary<string, DeviceEntry> _devices = new(StringComparer.Ordinal);
    private readonly int _maxDevices;
    private int _version;

    public DeviceRegistry(IOptions<EdgeOptions> options)
    {
        _maxDevices = options.Value.MaxDevices;
        foreach (var device in options.Value.Devices)
        {
            if (DeviceKinds.TryParse(device.Kind, out var kind))
            {
                Declare(device.Id, kind, string.IsNullOrEmpty(device.Room) ? null : device.Room, "config");
            }
        }
    }

    /// <summary>Changes whenever the inventory does, so that presence is announced again.</summary>
    public int Version => Volatile.Read(ref _version);

    public IReadOnlyList<DeviceEntry> All()
    {
        lock (_devices)
        {
            return _devices.Values.OrderBy(d => d.Room ?? "~", StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>A consistent copy of every device for the status page.</summary>
    public IReadOnlyList<DeviceView> Views()
    {
        lock (_devices)
        {
            return All().Select(d => new DeviceView(d.Id, d.Kind.ToWire(), d.Room, d.Adapter, d.LastSeen, d.LastStatus, d.LastStatusTs,
                d.LastEvent, d.LastEventTs, d.Statuses, d.Events)).ToList();
        }
    }

    public DeviceEntry? Find(string id)
    {
        lock (_devices)
        {
            return _devices.GetValueOrDefault(id);
        }
    }

    /// <summary>Adds a device to the inventory ahead of its first message (configured and simulated devices).</summary>
    public void Declare(string id, DeviceKind kind, string? room, string adapter)
    {
        lock (_devices)
        {
            if (_devices.TryAdd(id, new DeviceEntry(id, kind, room, adapter)))
            {
                Interlocked.Increment(ref _version);
            }
        }
    }

    /// <summary>The inventory entry for a validated reading, adding an undeclared device; null with the reason when it conflicts.</summary>
    public DeviceEntry? Admit(string id, DeviceKind kind, string? room, string adapter, out string? conflict)
    {
        conflict = null;
        lock (_devices)
        {
            if (_devices.TryGetValue(id, out var known))
            {
                if (known.Kind != kind)
                {
                    conflict = $"{id} is a {known.Kind.ToWire()} in the inventory, not a {kind.ToWire()}";
                    return null;
                }

                if (known.Room != room)
                {
                    conflict = $"{id} is in room {known.Room ?? "(site)"} in the inventory, not {room ?? "(site)"}";
                    return null;
                }

                return known;
            }

            if (_devices.Count >= _maxDevices)
            {
                conflict = $"the inventory is full ({_maxDevices} devices, Edge:MaxDevices)";
                return null;
            }

            var added = new DeviceEntry(id, kind, room, adapter);
            _devices.Add(id, added);
            Interlocked.Increment(ref _version);
            return added;
        }
    }

    public void RecordStatus(DeviceEntry device, DateTimeOffset ts, string dataJson, DateTimeOffset now)
    {
        lock (_devices)
        {
            device.LastSeen = now;
            device.LastStatus = dataJson;
            device.LastStatusTs = ts;
            device.Statuses++;
        }
    }

    public void RecordEvent(DeviceEntry device, DateTimeOffset ts, string dataJson, DateTimeOffset now)
    {
        lock (_devices)
        {
            device.LastSeen = now;
            device.LastEvent = dataJson;
            device.LastEventTs = ts;
            device.Events++;
        }
    }
}
