using System.Text.Json;
using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms;

/// <summary>What the rules need of one device, read from its latest view (status data parsed once per change).</summary>
internal sealed record DeviceFacts(
    string Id,
    DeviceKind Kind,
    string? Room,
    DeviceState State,
    DateTimeOffset? LastSeen,
    string? LastEvent,
    bool? On,
    bool? Ready,
    int? OffsetMs,
    bool? Synced,
    bool? Online,
    bool? Recording,
    bool? Closed)
{
    public static DeviceFacts From(DeviceView view)
    {
        bool? on = null, ready = null, synced = null, online = null, recording = null, closed = null;
        int? offset = null;
        if (view.DataJson is { Length: > 2 } json)
        {
            try
            {
                var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
                while (reader.Read())
                {
                    if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                    {
                        continue;
                    }

                    var name = reader.GetString();
                    reader.Read();
                    switch (name)
                    {
                        case "on": on = Bool(ref reader); break;
                        case "ready": ready = Bool(ref reader); break;
                        case "synced": synced = Bool(ref reader); break;
                        case "online": online = Bool(ref reader); break;
                        case "recording": recording = Bool(ref reader); break;
                        case "closed": closed = Bool(ref reader); break;
                        case "offsetMs" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms):
                            offset = (int)Math.Clamp(ms, int.MinValue, int.MaxValue);
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }
            }
            catch (JsonException)
            {
                // Ingest accepted it, so this does not happen; a device with unreadable data simply has no facts.
            }
        }

        return new DeviceFacts(view.Id, view.Kind, view.Room, view.State, view.LastSeen, view.LastEvent,
            on, ready, offset, synced, online, recording, closed);
    }

    private static bool? Bool(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => null,
    };
}
