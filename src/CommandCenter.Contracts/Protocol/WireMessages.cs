using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommandCenter.Contracts.Protocol;

// The JSON shapes of protocol v1, exactly as they travel. Validation happens in the parser;
// these types only carry what was written, so every field is nullable here.

/// <summary>One device status or event.</summary>
public sealed class Envelope
{
    /// <summary>Unique per site; the center de-duplicates on (siteId, msgId).</summary>
    public string? MsgId { get; set; }

    /// <summary>The device's own time of observation, RFC 3339 with offset.</summary>
    public string? Ts { get; set; }

    /// <summary>Device kind wire name.</summary>
    public string? Kind { get; set; }

    /// <summary>Three-digit room, absent for site-level devices.</summary>
    public string? Room { get; set; }

    /// <summary>Required inside a batch; on a device topic it must match the topic if present.</summary>
    public string? DeviceId { get; set; }

    /// <summary>Optional; when present it must match the topic's site.</summary>
    public string? SiteId { get; set; }

    /// <summary>Kind-specific status or event data.</summary>
    public JsonElement Data { get; set; }
}

/// <summary>Many envelopes in one message.</summary>
public sealed class BatchPayload
{
    /// <summary>The envelopes, each with a deviceId.</summary>
    public List<Envelope>? Items { get; set; }

    /// <summary>Optional; when present it must match the topic's site.</summary>
    public string? SiteId { get; set; }
}

/// <summary>Presence of a site agent; the will carries only <c>state</c>.</summary>
public sealed class PresencePayload
{
    /// <summary><c>online</c> or <c>offline</c>.</summary>
    public string? State { get; set; }

    /// <summary>Agent software version.</summary>
    public string? AgentVersion { get; set; }

    /// <summary>Time of the announcement.</summary>
    public string? Ts { get; set; }

    /// <summary>The device inventory of the site.</summary>
    public List<PresenceDevice>? Devices { get; set; }

    /// <summary>Optional; when present it must match the topic's site.</summary>
    public string? SiteId { get; set; }
}

/// <summary>One device in a presence inventory.</summary>
public sealed class PresenceDevice
{
    /// <summary>Device id, unique within the site.</summary>
    public string? Id { get; set; }

    /// <summary>Device kind wire name.</summary>
    public string? Kind { get; set; }

    /// <summary>Three-digit room, absent for site-level devices.</summary>
    public string? Room { get; set; }
}

/// <summary>A paper-bag or vault custody event.</summary>
public sealed class CustodyPayload
{
    /// <summary>Unique per site.</summary>
    public string? MsgId { get; set; }

    /// <summary>Time of the handover.</summary>
    public string? Ts { get; set; }

    /// <summary>Bag id printed on the bag.</summary>
    public string? Bag { get; set; }

    /// <summary>received, stored, checked_out, handed_over, opened, sealed or returned.</summary>
    public string? Action { get; set; }

    /// <summary>Room the bag went to or came from.</summary>
    public string? Room { get; set; }

    /// <summary>Staff numbers (工号) present.</summary>
    public List<string>? Staff { get; set; }

    /// <summary>Number of papers or sheets.</summary>
    public int? Count { get; set; }

    /// <summary>Free text.</summary>
    public string? Note { get; set; }

    /// <summary>Optional; when present it must match the topic's site.</summary>
    public string? SiteId { get; set; }
}

/// <summary>A site report: <c>zero</c> (零报告) or <c>incident</c>.</summary>
public sealed class ReportPayload
{
    /// <summary>Unique per site.</summary>
    public string? MsgId { get; set; }

    /// <summary>Time of the report.</summary>
    public string? Ts { get; set; }

    /// <summary><c>zero</c> or <c>incident</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The exam session the report is about.</summary>
    public string? Session { get; set; }

    /// <summary>Free text.</summary>
    public string? Text { get; set; }

    /// <summary>Staff number of the author.</summary>
    public string? By { get; set; }

    /// <summary>Optional; when present it must match the topic's site.</summary>
    public string? SiteId { get; set; }
}

/// <summary>A command from the center to a site. Type-specific fields travel in <see cref="Extra"/>.</summary>
public sealed class CommandPayload
{
    /// <summary>Unique command id, echoed by the acknowledgement.</summary>
    public string? MsgId { get; set; }

    /// <summary>Time the command was issued.</summary>
    public string? Ts { get; set; }

    /// <summary>e.g. <c>time_reference</c>, <c>notice</c>, <c>switch_paper_set</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Further fields of the command.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An edge acknowledgement of a command.</summary>
public sealed class CommandAckPayload
{
    /// <summary>The msgId of the command acknowledged.</summary>
    public string? MsgId { get; set; }

    /// <summary>Time of the acknowledgement.</summary>
    public string? Ts { get; set; }

    /// <summary>Whether the site carried the command out.</summary>
    public bool? Ok { get; set; }

    /// <summary>Free text.</summary>
    public string? Detail { get; set; }
}
