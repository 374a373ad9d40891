using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Contracts.Parsing;

/// <summary>A validated message from one site.</summary>
public abstract record EdgeMessage(string SiteId);

/// <summary>Presence: online with the device inventory, or offline (the will).</summary>
public sealed record PresenceMessage(
    string SiteId, bool Online, string? AgentVersion, DateTimeOffset? Ts, IReadOnlyList<InventoryDevice> Devices)
    : EdgeMessage(SiteId);

/// <summary>A device listed in presence.</summary>
public sealed record InventoryDevice(string DeviceId, DeviceKind Kind, string? Room);

/// <summary>Statuses and events from a device topic or a batch.</summary>
public sealed record DeviceMessage(string SiteId, IReadOnlyList<DeviceReading> Readings) : EdgeMessage(SiteId);

/// <summary>Whether a reading is a periodic status or an event.</summary>
public enum ReadingType
{
    /// <summary>Periodic status.</summary>
    Status,
    /// <summary>An event (its data has <c>type</c>).</summary>
    Event,
}

/// <summary>
/// One validated status or event. <see cref="Status"/> holds the typed status data for its kind
/// (e.g. <see cref="ClockStatus"/>); <see cref="Event"/> holds event data. <see cref="DataJson"/>
/// is the <c>data</c> object as received, for display.
/// </summary>
public sealed record DeviceReading(
    string MsgId,
    string DeviceId,
    DeviceKind Kind,
    string? Room,
    DateTimeOffset Ts,
    ReadingType Type,
    object? Status,
    DeviceEventData? Event,
    string DataJson);

/// <summary>A paper-bag or vault custody event.</summary>
public sealed record CustodyMessage(
    string SiteId, string MsgId, DateTimeOffset Ts, string Bag, string Action, string? Room,
    IReadOnlyList<string> Staff, int? Count, string? Note) : EdgeMessage(SiteId);

/// <summary>A site report.</summary>
public sealed record ReportMessage(
    string SiteId, string MsgId, DateTimeOffset Ts, string Type, string? Session, string? Text, string? By)
    : EdgeMessage(SiteId);

/// <summary>A site's acknowledgement of a command.</summary>
public sealed record CommandAckMessage(string SiteId, string MsgId, DateTimeOffset Ts, bool Ok, string? Detail)
    : EdgeMessage(SiteId);

/// <summary>
/// What the parser made of one MQTT message: at most one message (possibly with fewer items than
/// were sent) and the rejections of the whole or of single items.
/// </summary>
public sealed record ParseResult(EdgeTopic? Topic, EdgeMessage? Message, IReadOnlyList<Rejection> Rejections)
{
    /// <summary>True when nothing at all was accepted.</summary>
    public bool IsRejected => Message is null;
}
