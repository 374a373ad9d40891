namespace CommandCenter.Contracts.Protocol;

/// <summary>What a topic under <see cref="EdgeTopics.Prefix"/> carries.</summary>
public enum EdgeTopicKind
{
    /// <summary>Presence (retained) and its will.</summary>
    Agent,
    /// <summary>A single device status.</summary>
    DeviceStatus,
    /// <summary>A single device event.</summary>
    DeviceEvent,
    /// <summary>Many statuses and events of one site.</summary>
    Batch,
    /// <summary>A custody event.</summary>
    Custody,
    /// <summary>A site report.</summary>
    Report,
    /// <summary>A command from the center (the center's own traffic).</summary>
    Command,
    /// <summary>An acknowledgement of a command.</summary>
    CommandAck,
}

/// <summary>A topic taken apart: its kind, its site and, for device topics, the device.</summary>
public readonly record struct EdgeTopic(EdgeTopicKind Kind, string SiteId, string? DeviceId)
{
    /// <summary>
    /// Splits a v1 topic. Returns false for anything that is not exactly one of the v1 shapes;
    /// the site and device ids are returned as written, their format is checked by the parser.
    /// </summary>
    public static bool TryParse(string topic, out EdgeTopic parsed)
    {
        parsed = default;
        if (!topic.StartsWith(EdgeTopics.Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(EdgeTopics.Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var siteId = rest[..slash].ToString();
        var tail = rest[(slash + 1)..];
        EdgeTopicKind? kind = tail switch
        {
            "agent" => EdgeTopicKind.Agent,
            "batch" => EdgeTopicKind.Batch,
            "custody" => EdgeTopicKind.Custody,
            "report" => EdgeTopicKind.Report,
            "command" => EdgeTopicKind.Command,
            "command/ack" => EdgeTopicKind.CommandAck,
            _ => null,
        };
        if (kind is { } simple)
        {
            parsed = new EdgeTopic(simple, siteId, null);
            return true;
        }

        // device/{deviceId}/status|event
        if (!tail.StartsWith("device/"))
        {
            return false;
        }

        var deviceAndLeaf = tail["device/".Length..];
        var lastSlash = deviceAndLeaf.LastIndexOf('/');
        if (lastSlash <= 0)
        {
            return false;
        }

        var deviceId = deviceAndLeaf[..lastSlash];
        if (deviceId.IndexOf('/') >= 0)
        {
            return false;
        }

        var leaf = deviceAndLeaf[(lastSlash + 1)..];
        EdgeTopicKind? deviceKind = leaf switch
        {
            "status" => EdgeTopicKind.DeviceStatus,
            "event" => EdgeTopicKind.DeviceEvent,
            _ => null,
        };
        if (deviceKind is null)
        {
            return false;
        }

        parsed = new EdgeTopic(deviceKind.Value, siteId, deviceId.ToString());
        return true;
    }
}
