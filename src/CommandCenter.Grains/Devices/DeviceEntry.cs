using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Devices;

/// <summary>The live state of one device inside its room, vault or site.</summary>
internal sealed class DeviceEntry(string id, DeviceKind kind, string? room)
{
    public string Id { get; } = id;

    public DeviceKind Kind { get; set; } = kind;

    public string? Room { get; } = room;

    public DeviceState State { get; set; } = DeviceState.Unknown;

    /// <summary>Center receive time of the latest status or event: drives the offline rule.</summary>
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Device time of the latest applied status: older statuses are out of order.</summary>
    public DateTimeOffset? StatusTs { get; set; }

    public string? DataJson { get; set; }

    public string? LastEvent { get; set; }

    public DeviceView ToView() => new(Id, Kind, Room, State, LastSeen, StatusTs, DataJson, LastEvent);
}
