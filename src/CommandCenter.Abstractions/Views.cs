using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Abstractions;

/// <summary>One device as the API and the map show it. <see cref="DataJson"/> is its latest status data.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceView(
    [property: Id(0)] string Id,
    [property: Id(1)] DeviceKind Kind,
    [property: Id(2)] string? Room,
    [property: Id(3)] DeviceState State,
    [property: Id(4)] DateTimeOffset? LastSeen,
    [property: Id(5)] DateTimeOffset? Ts,
    [property: Id(6)] string? DataJson,
    [property: Id(7)] string? LastEvent);

/// <summary>A device event or site report for the live ticker (ticket numbers only, never personal data).</summary>
[GenerateSerializer, Immutable]
public sealed record EventView(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string? Room,
    [property: Id(2)] string DeviceId,
    [property: Id(3)] DeviceKind? Kind,
    [property: Id(4)] string Type,
    [property: Id(5)] DateTimeOffset Ts,
    [property: Id(6)] string? Detail)
{
    /// <summary>
    /// What a command room's ticker shows: everything but routine successful ID checks, which
    /// arrive hundreds a second during entry and only count (the tallies carry them).
    /// </summary>
    public bool IsNotable => !(Kind == DeviceKind.IdReader && Type == "verify" && Detail?.StartsWith("match", StringComparison.Ordinal) == true);
}

/// <summary>A room (or the vault) with its devices.</summary>
[GenerateSerializer, Immutable]
public sealed record HolderView(
    [property: Id(0)] string Key,
    [property: Id(1)] Tally Tally,
    [property: Id(2)] IReadOnlyList<DeviceView> Devices);

/// <summary>A site: presence, counts, its rooms (and vault) with their tallies, its own devices.</summary>
[GenerateSerializer, Immutable]
public sealed record SiteDetail(
    [property: Id(0)] string SiteId,
    [property: Id(1)] bool Online,
    [property: Id(2)] string? AgentVersion,
    [property: Id(3)] DateTimeOffset? PresenceChangedAt,
    [property: Id(4)] Tally Tally,
    [property: Id(5)] IReadOnlyList<ChildTally> Rooms,
    [property: Id(6)] IReadOnlyList<DeviceView> SiteDevices,
    [property: Id(7)] IReadOnlyList<EventView> RecentEvents);

/// <summary>A child of a region (a city, county or site) with its counts.</summary>
[GenerateSerializer, Immutable]
public sealed record ChildTally(
    [property: Id(0)] string Code,
    [property: Id(1)] Tally Tally);

/// <summary>A region with its counts, its children's, and (counties only) its sites' latest notable events.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionSnapshot(
    [property: Id(0)] string Code,
    [property: Id(1)] Tally Tally,
    [property: Id(2)] IReadOnlyList<ChildTally> Children,
    [property: Id(3)] IReadOnlyList<EventView> RecentEvents);

/// <summary>What changed at a site since the last push.</summary>
[GenerateSerializer, Immutable]
public sealed record SiteChange(
    [property: Id(0)] string SiteId,
    [property: Id(1)] bool Online,
    [property: Id(2)] Tally Tally,
    [property: Id(3)] IReadOnlyList<ChildTally> Rooms,
    [property: Id(4)] IReadOnlyList<DeviceView> Devices,
    [property: Id(5)] IReadOnlyList<EventView> Events,
    [property: Id(6)] IReadOnlyList<AlarmView>? Alarms = null);

/// <summary>What changed in a region since the last push.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionChange(
    [property: Id(0)] string Code,
    [property: Id(1)] Tally Tally,
    [property: Id(2)] IReadOnlyList<ChildTally> Children,
    [property: Id(3)] IReadOnlyList<EventView> Events,
    [property: Id(4)] IReadOnlyList<AlarmView>? Alarms = null);
