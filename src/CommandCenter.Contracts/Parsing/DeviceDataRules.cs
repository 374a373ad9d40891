using System.Text.Json;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Contracts.Parsing;

/// <summary>The per-kind rules for status and event <c>data</c> (the table in the protocol).</summary>
internal static class DeviceDataRules
{
    private static readonly string[] ClockSources = ["bds", "gps", "ntp", "manual"];
    private static readonly string[] VerifyResults = ["match", "mismatch", "unregistered", "unreadable"];

    public static object? ReadStatus(JsonElement data, DeviceKind kind, string deviceId, EdgeMessageParser.ParseContext context)
    {
        var what = $"{kind.ToWire()} status ({deviceId})";
        switch (kind)
        {
            case DeviceKind.Clock:
                if (!context.TryRead(data, EdgeJsonContext.Default.ClockStatus, what, out var clock))
                {
                    return null;
                }

                if (clock.OffsetMs is null || clock.Synced is null || clock.Source is null)
                {
                    return Missing(context, what, "offsetMs, synced and source");
                }

                return ClockSources.Contains(clock.Source) ? clock : Invalid(context, what, "source must be bds, gps, ntp or manual");

            case DeviceKind.Jammer:
                if (!context.TryRead(data, EdgeJsonContext.Default.JammerStatus, what, out var jammer))
                {
                    return null;
                }

                return jammer.On is null ? Missing(context, what, "on") : jammer;

            case DeviceKind.MetalDetector:
                if (!context.TryRead(data, EdgeJsonContext.Default.MetalDetectorStatus, what, out var detector))
                {
                    return null;
                }

                if (detector.Ready is null || detector.BatteryPct is null)
                {
                    return Missing(context, what, "ready and batteryPct");
                }

                return detector.BatteryPct is < 0 or > 100 ? Invalid(context, what, "batteryPct must be 0-100") : detector;

            case DeviceKind.IdReader:
                if (!context.TryRead(data, EdgeJsonContext.Default.IdReaderStatus, what, out var reader))
                {
                    return null;
                }

                return reader.Ready is null ? Missing(context, what, "ready") : reader;

            case DeviceKind.Camera:
                if (!context.TryRead(data, EdgeJsonContext.Default.CameraStatus, what, out var camera))
                {
                    return null;
                }

                if (camera.Online is null || camera.Recording is null)
                {
                    return Missing(context, what, "online and recording");
                }

                if (camera.Fps is < 0 or > 1000)
                {
                    return Invalid(context, what, "fps must be 0-1000");
                }

                return camera.StreamUrl is null || IsStreamUrl(camera.StreamUrl)
                    ? camera
                    : Invalid(context, what, "streamUrl must be an rtsp, http or https URL");

            case DeviceKind.VaultDoor:
                if (!context.TryRead(data, EdgeJsonContext.Default.VaultDoorStatus, what, out var door))
                {
                    return null;
                }

                return door.Closed is null || door.Locked is null ? Missing(context, what, "closed and locked") : door;

            default:
                return context.Reject<object>(RejectReason.UnknownKind, what);
        }
    }

    public static DeviceEventData? ReadEvent(JsonElement data, DeviceKind kind, string deviceId, EdgeMessageParser.ParseContext context)
    {
        var what = $"{kind.ToWire()} event ({deviceId})";
        if (!context.TryRead(data, EdgeJsonContext.Default.DeviceEventData, what, out var ev))
        {
            return null;
        }

        if (ev.Type is null)
        {
            return context.Reject<DeviceEventData>(RejectReason.MissingField, $"{what}: type");
        }

        var known = kind switch
        {
            DeviceKind.Clock => ev.Type is "stopped",
            DeviceKind.Jammer => ev.Type is "fault",
            DeviceKind.MetalDetector => ev.Type is "alarm",
            DeviceKind.IdReader => ev.Type is "verify",
            DeviceKind.Camera => ev.Type is "tamper" or "frozen" or "offline",
            DeviceKind.VaultDoor => ev.Type is "opened" or "closed",
            _ => false,
        };
        if (!known)
        {
            return context.Reject<DeviceEventData>(RejectReason.UnknownEventType, $"{what}: {Shorten(ev.Type)}");
        }

        if (ev.Ticket is { Length: 0 or > 32 })
        {
            return context.Reject<DeviceEventData>(RejectReason.InvalidField, $"{what}: ticket must be 1-32 characters");
        }

        if (ev.Detail is { } detail && detail.Length > context.Options.MaxTextLength)
        {
            return context.Reject<DeviceEventData>(RejectReason.InvalidField, $"{what}: detail too long");
        }

        if (kind == DeviceKind.IdReader)
        {
            if (ev.Ticket is null || ev.Result is null)
            {
                return context.Reject<DeviceEventData>(RejectReason.MissingField, $"{what}: ticket and result");
            }

            if (!VerifyResults.Contains(ev.Result))
            {
                return context.Reject<DeviceEventData>(RejectReason.InvalidField, $"{what}: result");
            }

            if (ev.Score is < 0 or > 1)
            {
                return context.Reject<DeviceEventData>(RejectReason.InvalidField, $"{what}: score must be 0-1");
            }
        }

        return context.TryStaff(ev.Staff, out _) ? ev : null;
    }

    private static bool IsStreamUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "rtsp" or "rtsps" or "http" or "https";

    private static object? Missing(EdgeMessageParser.ParseContext context, string what, string fields) =>
        context.Reject<object>(RejectReason.MissingField, $"{what}: {fields} required");

    private static object? Invalid(EdgeMessageParser.ParseContext context, string what, string detail) =>
        context.Reject<object>(RejectReason.InvalidField, $"{what}: {detail}");

    private static string Shorten(string value) => value.Length > 32 ? value[..32] + "…" : value;
}
