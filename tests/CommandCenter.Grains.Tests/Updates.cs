using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Tests;

/// <summary>Builds grain inputs the way ingest would.</summary>
internal static class Updates
{
    private static long _sequence;

    public static readonly DeviceKind[] RoomKinds = [DeviceKind.Clock, DeviceKind.Jammer, DeviceKind.MetalDetector, DeviceKind.IdReader, DeviceKind.Camera];

    public static string DeviceId(string room, DeviceKind kind) => $"r{room}-{kind.ToWire()}";

    public static DeviceUpdate Status(string room, DeviceKind kind, DeviceState state, DateTimeOffset ts, DateTimeOffset? received = null) =>
        new(NextId(), DeviceId(room, kind), kind, room, ts, received ?? ts, false, state, null, null, null, "{}");

    public static DeviceUpdate Verify(string room, string ticket, string result, DateTimeOffset ts, string? msgId = null) =>
        new(msgId ?? NextId(), DeviceId(room, DeviceKind.IdReader), DeviceKind.IdReader, room, ts, ts, true, null, "verify", ticket, result,
            $$"""{"type":"verify","ticket":"{{ticket}}","result":"{{result}}"}""");

    public static DeviceUpdate JammerFault(string room, DateTimeOffset ts) =>
        new(NextId(), DeviceId(room, DeviceKind.Jammer), DeviceKind.Jammer, room, ts, ts, true, DeviceState.Fault, "fault", null, null,
            """{"type":"fault","detail":"antenna"}""");

    public static IReadOnlyList<InventoryItem> Inventory(int rooms) =>
        Enumerable.Range(1, rooms)
            .SelectMany(r => RoomKinds.Select(k => new InventoryItem(DeviceId(Room(r), k), k, Room(r))))
            .Append(new InventoryItem("vault-door", DeviceKind.VaultDoor, null))
            .Append(new InventoryItem("gate-id1", DeviceKind.IdReader, null))
            .ToList();

    public static string Room(int number) => number.ToString("000");

    private static string NextId() => $"m{Interlocked.Increment(ref _sequence)}";
}
