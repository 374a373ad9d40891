using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Edge.Devices;

/// <summary>One device of the site's inventory and what it last said. Mutable fields are written under the registry's lock.</summary>
public sealed class DeviceEntry(string id, DeviceKind kind, string? room, string adapter)
{
    public string Id { get; } = id;

    public DeviceKind Kind { get; } = kind;

    public string? Room { get; } = room;

    /// <summary>Where it was declared or first heard from: config, simulated, http, line, probe.</summary>
    public string Adapter { get; } = adapter;

    public DateTimeOffset? LastSeen { get; set; }

    public string? LastStatus { get; set; }

    public DateTimeOffset? LastStatusTs { get; set; }

    public string? LastEvent { get; set; }

    public DateTimeOffset? LastEventTs { get; set; }

    public long Statuses { get; set; }

    public long Events { get; set; }
}
