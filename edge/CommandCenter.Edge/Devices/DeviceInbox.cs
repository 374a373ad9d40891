using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Queue;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Devices;

/// <summary>
/// Where every adapter hands in what a device sent. Fills in <c>msgId</c> and <c>ts</c> when absent,
/// validates with the center's own parser (so garbage is refused here, with the center's reason),
/// checks the inventory, then queues events durably at once and gives statuses to the room batcher.
/// </summary>
public sealed class DeviceInbox(
    IOptions<EdgeOptions> options,
    DurableQueue queue,
    StatusBatcher batcher,
    DeviceRegistry registry,
    EdgeMessageParser parser,
    RejectionLog rejections,
    TimeProvider time)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    // MQTT payloads, not HTML: keep "+08:00" and Chinese text as they are instead of \u escapes.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string _siteId = options.Value.SiteId;

    /// <summary>
    /// A status or event. <paramref name="deviceId"/> comes from the adapter (HTTP path) or the body;
    /// <paramref name="type"/> from the adapter, else an event is what has <c>data.type</c>.
    /// </summary>
    public async Task<SubmitResult> SubmitReadingAsync(
        string adapter, string? deviceId, ReadingType? type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (!TryOpen(body, out var node, out var malformed))
        {
            return Refuse(adapter, deviceId, malformed);
        }

        var bodyDevice = node["deviceId"];
        if (bodyDevice is not null && !(bodyDevice is JsonValue value && value.TryGetValue<string>(out var named) && (deviceId is null || named == deviceId)))
        {
            return Refuse(adapter, deviceId, new Rejection(RejectReason.DeviceIdInvalid, "deviceId in the body is not a string or differs from the path's"));
        }

        deviceId ??= bodyDevice?.GetValue<string>();
        if (deviceId is null)
        {
            return Refuse(adapter, null, new Rejection(RejectReason.MissingField, "deviceId"));
        }

        if (!Identifiers.IsDeviceId(deviceId))
        {
            return Refuse(adapter, null, new Rejection(RejectReason.DeviceIdInvalid, "deviceId must match [A-Za-z0-9_.-]{1,64}"));
        }

        type ??= node["data"] is JsonObject data && data.ContainsKey("type") ? ReadingType.Event : ReadingType.Status;
        FillIn(node);
        node["deviceId"] = deviceId;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(node, WriteOptions);
        var topic = type == ReadingType.Event ? EdgeTopics.DeviceEvent(_siteId, deviceId) : EdgeTopics.DeviceStatus(_siteId, deviceId);
        var parsed = parser.Parse(topic, bytes);
        if (parsed.Message is not DeviceMessage { Readings: [var reading] })
        {
            return Refuse(adapter, deviceId, FirstRejection(parsed));
        }

        if (registry.Admit(deviceId, reading.Kind, reading.Room, adapter, out var conflict) is not { } device)
        {
            return Refuse(adapter, deviceId, new Rejection(RejectReason.InvalidField, conflict!));
        }

        var now = time.GetUtcNow();
        if (reading.Type == ReadingType.Status)
        {
            batcher.Add(reading.Room, deviceId, bytes);
            registry.RecordStatus(device, reading.Ts, reading.DataJson, now);
            return SubmitResult.Batched(reading.MsgId);
        }

        var queued = await QueueAsync(topic, bytes, reading.MsgId, cancellationToken).ConfigureAwait(false);
        if (queued.Accepted)
        {
            registry.RecordEvent(device, reading.Ts, reading.DataJson, now);
        }

        return queued;
    }

    /// <summary>A paper-bag or vault custody record (kept, durable before this returns).</summary>
    public Task<SubmitResult> SubmitCustodyAsync(string adapter, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        SubmitSiteRecordAsync(adapter, EdgeTopics.Custody(_siteId), body, cancellationToken);

    /// <summary>A site report, the zero-report included (kept, durable before this returns).</summary>
    public Task<SubmitResult> SubmitReportAsync(string adapter, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        SubmitSiteRecordAsync(adapter, EdgeTopics.Report(_siteId), body, cancellationToken);

    private async Task<SubmitResult> SubmitSiteRecordAsync(string adapter, string topic, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!TryOpen(body, out var node, out var malformed))
        {
            return Refuse(adapter, null, malformed);
        }

        FillIn(node);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(node, WriteOptions);
        var parsed = parser.Parse(topic, bytes);
        var msgId = parsed.Message switch
        {
            CustodyMessage custody => custody.MsgId,
            ReportMessage report => report.MsgId,
            _ => null,
        };
        return msgId is null
            ? Refuse(adapter, null, FirstRejection(parsed))
            : await QueueAsync(topic, bytes, msgId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SubmitResult> QueueAsync(string topic, byte[] bytes, string msgId, CancellationToken cancellationToken)
    {
        try
        {
            await queue.AppendAsync(QueueClass.Kept, topic, bytes, cancellationToken).ConfigureAwait(false);
            return SubmitResult.Queued(msgId);
        }
        catch (QueueUnavailableException ex)
        {
            return SubmitResult.Unavailable(ex.Message);
        }
    }

    private bool TryOpen(ReadOnlyMemory<byte> body, out JsonObject node, out Rejection rejection)
    {
        node = null!;
        rejection = default;
        if (body.Length > parser.Options.MaxPayloadBytes)
        {
            rejection = new Rejection(RejectReason.TooLarge, $"{body.Length} bytes > {parser.Options.MaxPayloadBytes}");
            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            rejection = new Rejection(RejectReason.MalformedJson, "not valid UTF-8");
            return false;
        }

        try
        {
            if (JsonNode.Parse(body.Span, documentOptions: DocumentOptions) is JsonObject parsed)
            {
                node = parsed;
                return true;
            }
        }
        catch (JsonException)
        {
            rejection = new Rejection(RejectReason.MalformedJson, "not well-formed JSON");
            return false;
        }

        rejection = new Rejection(RejectReason.MalformedJson, "the body must be a JSON object");
        return false;
    }

    private void FillIn(JsonObject node)
    {
        var now = time.GetUtcNow();
        if (!node.ContainsKey("msgId"))
        {
            node["msgId"] = Guid.CreateVersion7(now).ToString("N");
        }

        if (!node.ContainsKey("ts"))
        {
            node["ts"] = Identifiers.FormatTimestamp(TimeZoneInfo.ConvertTime(now, time.LocalTimeZone));
        }
    }

    private SubmitResult Refuse(string adapter, string? deviceId, Rejection rejection)
    {
        rejections.Add(adapter, deviceId, rejection.Reason.ToWire(), rejection.Detail);
        return SubmitResult.Rejected(rejection.Reason, rejection.Detail);
    }

    private static Rejection FirstRejection(ParseResult parsed) =>
        parsed.Rejections.Count > 0 ? parsed.Rejections[0] : new Rejection(RejectReason.InvalidField, "not accepted");
}
