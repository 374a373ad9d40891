using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Abstractions;

/// <summary>
/// One accepted status or event on its way into a grain. <see cref="State"/> is the health the
/// ingest derived from a status, or the state an event implies (null when it implies none).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeviceUpdate(
    [property: Id(0)] string MsgId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] DeviceKind Kind,
    [property: Id(3)] string? Room,
    [property: Id(4)] DateTimeOffset Ts,
    [property: Id(5)] DateTimeOffset ReceivedAt,
    [property: Id(6)] bool IsEvent,
    [property: Id(7)] DeviceState? State,
    [property: Id(8)] string? EventType,
    [property: Id(9)] string? Ticket,
    [property: Id(10)] string? Result,
    [property: Id(11)] string DataJson);

/// <summary>A device announced in presence.</summary>
[GenerateSerializer, Immutable]
public sealed record InventoryItem(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] DeviceKind Kind,
    [property: Id(2)] string? Room);

/// <summary>What a grain did with a batch of updates, for the ingest counters.</summary>
[GenerateSerializer, Immutable]
public readonly record struct ApplyResult(
    [property: Id(0)] int Applied,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] int OutOfOrder)
{
    public static ApplyResult operator +(ApplyResult a, ApplyResult b) =>
        new(a.Applied + b.Applied, a.Duplicates + b.Duplicates, a.OutOfOrder + b.OutOfOrder);
}
