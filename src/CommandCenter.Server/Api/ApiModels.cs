using System.Text.Json;
using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;

namespace CommandCenter.Server.Api;

// What the HTTP API and the hub send: camelCase JSON, enums as snake_case strings.

public sealed record DeviceDto(
    string Id, DeviceKind Kind, string? Room, DeviceState State, DateTimeOffset? LastSeen, DateTimeOffset? Ts,
    JsonElement? Data, string? LastEvent)
{
    public static DeviceDto From(DeviceView view) => new(
        view.Id, view.Kind, view.Room, view.State, view.LastSeen, view.Ts,
        view.DataJson is null ? null : JsonDocument.Parse(view.DataJson).RootElement, view.LastEvent);
}

public sealed record RegionChildDto(string Code, string? Name, Tally Counts);

public sealed record RegionDto(
    string Code, string? Name, RegionLevel Level, string? ParentCode, Tally Counts, IReadOnlyList<RegionChildDto> Children,
    IReadOnlyList<EventView> RecentEvents);

public sealed record RoomDto(string Room, Tally Counts);

public sealed record SiteDto(
    string SiteId,
    string CountyCode,
    string? CountyName,
    bool Online,
    string? AgentVersion,
    DateTimeOffset? PresenceChangedAt,
    Tally Counts,
    IReadOnlyList<RoomDto> Rooms,
    IReadOnlyList<DeviceDto> Devices,
    IReadOnlyList<EventView> RecentEvents);

public sealed record SiteChangeDto(
    string SiteId, bool Online, Tally Counts, IReadOnlyList<RoomDto> Rooms, IReadOnlyList<DeviceDto> Devices, IReadOnlyList<EventView> Events)
{
    public static SiteChangeDto From(SiteChange change) => new(
        change.SiteId, change.Online, change.Tally,
        change.Rooms.Select(r => new RoomDto(r.Code, r.Tally)).ToList(),
        change.Devices.Select(DeviceDto.From).ToList(),
        change.Events);
}

public sealed record RegionChangeDto(string Code, Tally Counts, IReadOnlyList<RegionChildDto> Children, IReadOnlyList<EventView> Events);

/// <summary>One push to one client: everything its subscriptions saw since the previous push, alarm changes included (latest of each).</summary>
public sealed record ChangesDto(DateTimeOffset ServerTime, IReadOnlyList<RegionChangeDto> Regions, IReadOnlyList<SiteChangeDto> Sites, IReadOnlyList<AlarmDto> Alarms);
