using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Contracts.Parsing;

/// <summary>
/// Turns one MQTT message (topic + payload) into a validated <see cref="EdgeMessage"/> or into
/// specific rejections. It never throws for bad input. Batches and presence inventories are
/// accepted item by item: a bad item is rejected alone and the rest go on.
/// </summary>
public sealed class EdgeMessageParser(EdgeParserOptions options, TimeProvider time)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>A parser with the protocol's default limits and the system clock.</summary>
    public EdgeMessageParser() : this(new EdgeParserOptions(), TimeProvider.System)
    {
    }

    /// <summary>The limits in force.</summary>
    public EdgeParserOptions Options => options;

    /// <summary>
    /// Parses a message. <paramref name="senderSiteId"/> is the site the sender authenticated as,
    /// when the transport knows it; a topic for another site is then refused.
    /// </summary>
    public ParseResult Parse(string topic, ReadOnlyMemory<byte> payload, string? senderSiteId = null)
    {
        if (!EdgeTopic.TryParse(topic, out var parsedTopic))
        {
            return Refuse(null, RejectReason.TopicInvalid, "not a cc/v1/site topic");
        }

        if (!Identifiers.IsSiteId(parsedTopic.SiteId))
        {
            return Refuse(parsedTopic, RejectReason.SiteIdInvalid, "site id must be 8 digits");
        }

        if (senderSiteId is not null && senderSiteId != parsedTopic.SiteId)
        {
            return Refuse(parsedTopic, RejectReason.SiteMismatch, "topic site differs from the sender's credentials");
        }

        if (parsedTopic.DeviceId is { } topicDevice && !Identifiers.IsDeviceId(topicDevice))
        {
            return Refuse(parsedTopic, RejectReason.DeviceIdInvalid, "device id in topic");
        }

        if (parsedTopic.Kind == EdgeTopicKind.Command)
        {
            return Refuse(parsedTopic, RejectReason.NotAccepted, "the command topic is the center's");
        }

        if (payload.Length > options.MaxPayloadBytes)
        {
            return Refuse(parsedTopic, RejectReason.TooLarge, $"{payload.Length} bytes > {options.MaxPayloadBytes}");
        }

        // The JSON reader checks string bytes lazily; check the whole payload once, up front.
        if (!System.Text.Unicode.Utf8.IsValid(payload.Span))
        {
            return Refuse(parsedTopic, RejectReason.MalformedJson, "not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, DocumentOptions);
        }
        catch (JsonException)
        {
            return Refuse(parsedTopic, RejectReason.MalformedJson, "not well-formed JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Refuse(parsedTopic, RejectReason.MalformedJson, "payload must be a JSON object");
            }

            var context = new ParseContext(parsedTopic, time.GetUtcNow(), options);
            var message = parsedTopic.Kind switch
            {
                EdgeTopicKind.Agent => ParsePresence(document.RootElement, context),
                EdgeTopicKind.DeviceStatus or EdgeTopicKind.DeviceEvent => ParseSingleReading(document.RootElement, context),
                EdgeTopicKind.Batch => ParseBatch(document.RootElement, context),
                EdgeTopicKind.Custody => ParseCustody(document.RootElement, context),
                EdgeTopicKind.Report => ParseReport(document.RootElement, context),
                EdgeTopicKind.CommandAck => ParseCommandAck(document.RootElement, context),
                _ => null,
            };
            return new ParseResult(parsedTopic, message, context.Rejections);
        }
    }

    private static ParseResult Refuse(EdgeTopic? topic, RejectReason reason, string detail) =>
        new(topic, null, [new Rejection(reason, detail)]);

    private static EdgeMessage? ParsePresence(JsonElement root, ParseContext context)
    {
        if (!context.TryRead(root, EdgeJsonContext.Default.PresencePayload, "presence", out var presence)
            || !context.SiteMatches(presence.SiteId))
        {
            return null;
        }

        var online = presence.State switch
        {
            "online" => true,
            "offline" => false,
            null => (bool?)null,
            _ => null,
        };
        if (online is null)
        {
            return context.Reject(presence.State is null ? RejectReason.MissingField : RejectReason.InvalidField,
                "state must be online or offline");
        }

        DateTimeOffset? ts = null;
        if (presence.Ts is not null)
        {
            if (!context.TryTimestamp(presence.Ts, out var parsedTs))
            {
                return null;
            }

            ts = parsedTs;
        }

        var devices = new List<InventoryDevice>(presence.Devices?.Count ?? 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in presence.Devices ?? [])
        {
            if (device is null || !Identifiers.IsDeviceId(device.Id))
            {
                context.Reject(RejectReason.DeviceIdInvalid, "inventory device id");
                continue;
            }

            if (!DeviceKinds.TryParse(device.Kind, out var kind))
            {
                context.Reject(RejectReason.UnknownKind, $"inventory device {device.Id}");
                continue;
            }

            if (device.Room is not null && !Identifiers.IsRoom(device.Room))
            {
                context.Reject(RejectReason.RoomInvalid, $"inventory device {device.Id}");
                continue;
            }

            if (seen.Add(device.Id!))
            {
                devices.Add(new InventoryDevice(device.Id!, kind, device.Room));
            }
        }

        return new PresenceMessage(context.Topic.SiteId, online.Value, Truncate(presence.AgentVersion, 64), ts, devices);
    }

    private static EdgeMessage? ParseSingleReading(JsonElement root, ParseContext context)
    {
        if (!context.TryRead(root, EdgeJsonContext.Default.Envelope, "envelope", out var envelope))
        {
            return null;
        }

        var expected = context.Topic.Kind == EdgeTopicKind.DeviceEvent ? ReadingType.Event : ReadingType.Status;
        var reading = ParseReading(envelope, context.Topic.DeviceId, expected, context);
        return reading is null ? null : new DeviceMessage(context.Topic.SiteId, [reading]);
    }

    private static EdgeMessage? ParseBatch(JsonElement root, ParseContext context)
    {
        if (!context.TryRead(root, EdgeJsonContext.Default.BatchPayload, "batch", out var batch)
            || !context.SiteMatches(batch.SiteId))
        {
            return null;
        }

        if (batch.Items is not { Count: > 0 } items)
        {
            return context.Reject(RejectReason.BatchEmpty, "items is empty or absent");
        }

        if (items.Count > context.Options.MaxBatchItems)
        {
            return context.Reject(RejectReason.BatchTooLarge, $"{items.Count} items > {context.Options.MaxBatchItems}");
        }

        var readings = new List<DeviceReading>(items.Count);
        foreach (var item in items)
        {
            if (item is null)
            {
                context.Reject(RejectReason.InvalidField, "batch item is null");
                continue;
            }

            if (ParseReading(item, null, null, context) is { } reading)
            {
                readings.Add(reading);
            }
        }

        return readings.Count == 0 ? null : new DeviceMessage(context.Topic.SiteId, readings);
    }

    /// <summary>
    /// Validates one envelope. On a device topic the device comes from the topic and the reading
    /// type from the leaf; in a batch both come from the item (an item whose data has <c>type</c>
    /// is an event).
    /// </summary>
    private static DeviceReading? ParseReading(
        Envelope envelope, string? topicDeviceId, ReadingType? topicType, ParseContext context)
    {
        if (!Identifiers.IsMsgId(envelope.MsgId))
        {
            return context.Reject<DeviceReading>(RejectReason.MsgIdInvalid, "msgId");
        }

        if (!context.SiteMatches(envelope.SiteId))
        {
            return null;
        }

        var deviceId = envelope.DeviceId ?? topicDeviceId;
        if (deviceId is null)
        {
            return context.Reject<DeviceReading>(RejectReason.MissingField, $"deviceId ({envelope.MsgId})");
        }

        if (!Identifiers.IsDeviceId(deviceId))
        {
            return context.Reject<DeviceReading>(RejectReason.DeviceIdInvalid, $"deviceId ({envelope.MsgId})");
        }

        if (topicDeviceId is not null && deviceId != topicDeviceId)
        {
            return context.Reject<DeviceReading>(RejectReason.InvalidField, "deviceId differs from the topic's");
        }

        if (envelope.Kind is null)
        {
            return context.Reject<DeviceReading>(RejectReason.MissingField, $"kind ({deviceId})");
        }

        if (!DeviceKinds.TryParse(envelope.Kind, out var kind))
        {
            return context.Reject<DeviceReading>(RejectReason.UnknownKind, $"kind ({deviceId})");
        }

        if (envelope.Room is not null && !Identifiers.IsRoom(envelope.Room))
        {
            return context.Reject<DeviceReading>(RejectReason.RoomInvalid, $"room ({deviceId})");
        }

        if (!context.TryTimestamp(envelope.Ts, out var ts))
        {
            return null;
        }

        if (envelope.Data.ValueKind != JsonValueKind.Object)
        {
            return context.Reject<DeviceReading>(
                envelope.Data.ValueKind == JsonValueKind.Undefined ? RejectReason.MissingField : RejectReason.InvalidField,
                $"data must be an object ({deviceId})");
        }

        var type = topicType ?? (envelope.Data.TryGetProperty("type", out _) ? ReadingType.Event : ReadingType.Status);
        var dataJson = envelope.Data.GetRawText();
        if (type == ReadingType.Event)
        {
            var data = DeviceDataRules.ReadEvent(envelope.Data, kind, deviceId, context);
            return data is null
                ? null
                : new DeviceReading(envelope.MsgId!, deviceId, kind, envelope.Room, ts, type, null, data, dataJson);
        }

        var status = DeviceDataRules.ReadStatus(envelope.Data, kind, deviceId, context);
        return status is null
            ? null
            : new DeviceReading(envelope.MsgId!, deviceId, kind, envelope.Room, ts, type, status, null, dataJson);
    }

    private static EdgeMessage? ParseCustody(JsonElement root, ParseContext context)
    {
        if (!context.TryRead(root, EdgeJsonContext.Default.CustodyPayload, "custody", out var custody)
            || !context.SiteMatches(custody.SiteId))
        {
            return null;
        }

        if (!Identifiers.IsMsgId(custody.MsgId))
        {
            return context.Reject(RejectReason.MsgIdInvalid, "msgId");
        }

        if (!context.TryTimestamp(custody.Ts, out var ts))
        {
            return null;
        }

        if (custody.Bag is null)
        {
            return context.Reject(RejectReason.MissingField, "bag");
        }

        if (!Identifiers.IsDeviceId(custody.Bag))
        {
            return context.Reject(RejectReason.InvalidField, "bag must match [A-Za-z0-9_.-]{1,64}");
        }

        if (custody.Action is null)
        {
            return context.Reject(RejectReason.MissingField, "action");
        }

        if (!CustodyActions.IsKnown(custody.Action))
        {
            return context.Reject(RejectReason.InvalidField, "action is not a v1 custody action");
        }

        if (custody.Room is not null && !Identifiers.IsRoom(custody.Room))
        {
            return context.Reject(RejectReason.RoomInvalid, "room");
        }

        if (custody.Count is < 0)
        {
            return context.Reject(RejectReason.InvalidField, "count must not be negative");
        }

        if (!context.TryStaff(custody.Staff, out var staff) || !context.TryText(custody.Note, "note"))
        {
            return null;
        }

        return new CustodyMessage(context.Topic.SiteId, custody.MsgId!, ts, custody.Bag, custody.Action, custody.Room,
            staff, custody.Count, custody.Note);
    }

    private static EdgeMessage? ParseReport(JsonElement root, ParseContext context)
    {
        if (!context.TryRead(root, EdgeJsonContext.Default.ReportPayload, "report", out var report)
            || !context.SiteMatches(report.SiteId))
        {
            return null;
        }

        if (!Identifiers.IsMsgId(report.MsgId))
        {
            return context.Reject(RejectReason.MsgIdInvalid, "msgId");
        }

        if (!context.TryTimestamp(report.Ts, out var ts))
        {
            return null;
        }

        if (report.Type is null)
        {
            return context.Reject(RejectReason.MissingField, "type");
        }

        if (report.Type is not ("zero" or "incident"))
        {
            return context.Reject(RejectReason.InvalidField, "type must be zero or incident");
        }

        if (report.Session is { Length: > Identifiers.MaxIdLength } || report.By is { Length: > Identifiers.MaxIdLength })
        {
            return context.Reject(RejectReason.InvalidField, "session or by longer than 64");
        }

        if (!context.TryText(report.Text, "text"))
        {
            return null;
        }

        return new ReportMessage(context.Topic.SiteId, report.MsgId!, ts, report.Type, report.Session, report.Text, report.By);
    }

    private static EdgeMessage? ParseCommandAck(JsonElement root, ParseContext context)
    {
        if (!context.TryRead(root, EdgeJsonContext.Default.CommandAckPayload, "ack", out var ack))
        {
            return null;
        }

        if (!Identifiers.IsMsgId(ack.MsgId))
        {
            return context.Reject(RejectReason.MsgIdInvalid, "msgId");
        }

        if (!context.TryTimestamp(ack.Ts, out var ts))
        {
            return null;
        }

        if (ack.Ok is null)
        {
            return context.Reject(RejectReason.MissingField, "ok");
        }

        return context.TryText(ack.Detail, "detail")
            ? new CommandAckMessage(context.Topic.SiteId, ack.MsgId!, ts, ack.Ok.Value, ack.Detail)
            : null;
    }

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;

    /// <summary>Per-message state: the topic, the clock reading, and the rejections so far.</summary>
    internal sealed class ParseContext(EdgeTopic topic, DateTimeOffset now, EdgeParserOptions options)
    {
        private List<Rejection>? _rejections;

        public EdgeTopic Topic => topic;

        public EdgeParserOptions Options => options;

        public IReadOnlyList<Rejection> Rejections => (IReadOnlyList<Rejection>?)_rejections ?? [];

        public EdgeMessage? Reject(RejectReason reason, string detail) => Reject<EdgeMessage>(reason, detail);

        public T? Reject<T>(RejectReason reason, string detail) where T : class
        {
            (_rejections ??= []).Add(new Rejection(reason, detail));
            return null;
        }

        public bool TryRead<T>(JsonElement element, JsonTypeInfo<T> typeInfo, string what, out T value) where T : class
        {
            try
            {
                value = element.Deserialize(typeInfo)!;
                return true;
            }
            catch (JsonException ex)
            {
                Reject<T>(RejectReason.InvalidField, $"{what}: wrong type at {ex.Path ?? "$"}");
                value = null!;
                return false;
            }

        }

        public bool SiteMatches(string? payloadSiteId)
        {
            if (payloadSiteId is null || payloadSiteId == topic.SiteId)
            {
                return true;
            }

            Reject<EdgeMessage>(RejectReason.SiteMismatch, "siteId in payload differs from the topic's");
            return false;
        }

        public bool TryTimestamp(string? value, out DateTimeOffset ts)
        {
            if (value is null)
            {
                ts = default;
                Reject<EdgeMessage>(RejectReason.MissingField, "ts");
                return false;
            }

            if (!Identifiers.TryParseTimestamp(value, out ts))
            {
                Reject<EdgeMessage>(RejectReason.InvalidField, "ts must be RFC 3339 with an offset");
                return false;
            }

            if (ts - now > options.MaxFutureSkew)
            {
                Reject<EdgeMessage>(RejectReason.FutureTimestamp, $"ts is {(ts - now).TotalSeconds:0} s ahead");
                return false;
            }

            return true;
        }

        public bool TryText(string? value, string field)
        {
            if (value is null || value.Length <= options.MaxTextLength)
            {
                return true;
            }

            Reject<EdgeMessage>(RejectReason.InvalidField, $"{field} longer than {options.MaxTextLength}");
            return false;
        }

        public bool TryStaff(List<string>? staff, out IReadOnlyList<string> valid)
        {
            valid = staff ?? [];
            if (staff is null)
            {
                return true;
            }

            if (staff.Count > options.MaxStaff || staff.Any(s => s is null || s.Length is 0 or > 32 || s.Any(char.IsControl)))
            {
                Reject<EdgeMessage>(RejectReason.InvalidField, "staff ids must be 1-32 characters, at most " + options.MaxStaff);
                return false;
            }

            return true;
        }
    }
}
