using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Abstractions;

/// <summary>A site report (零报告 or incident) as received.</summary>
[GenerateSerializer, Immutable]
public sealed record SiteReport(
    [property: Id(0)] string MsgId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] string Type,
    [property: Id(3)] string? Session,
    [property: Id(4)] string? Text,
    [property: Id(5)] string? By);

/// <summary>One custody event of a bag, as a site agent or a tablet sent it.</summary>
[GenerateSerializer, Immutable]
public sealed record CustodyRecord(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string MsgId,
    [property: Id(2)] DateTimeOffset Ts,
    [property: Id(3)] string Action,
    [property: Id(4)] string? Room,
    [property: Id(5)] IReadOnlyList<string> Staff,
    [property: Id(6)] int? Count,
    [property: Id(7)] string? Note,
    [property: Id(8)] DateTimeOffset ReceivedAt,
    [property: Id(9)] string Source = CustodyRecord.FromEdge)
{
    /// <summary>The source of events from a site agent over MQTT; the tablet API uses <c>tablet:{user}</c>.</summary>
    public const string FromEdge = "mqtt";
}

/// <summary>Grain keys, in one place.</summary>
public static class GrainKeys
{
    /// <summary>The holder key of the vault within its site.</summary>
    public const string Vault = "vault";

    /// <summary>Where a device lives: its room, the vault (door sensors), or the site itself (null).</summary>
    public static string? HolderOf(string? room, DeviceKind kind) =>
        room ?? (kind == DeviceKind.VaultDoor ? Vault : null);

    public static string Room(string siteId, string room) => $"{siteId}-{room}";

    public static (string SiteId, string Room) ParseRoom(string key) => (key[..8], key[9..]);
}
