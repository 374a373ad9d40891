using System.Globalization;
using System.Text.Json;
using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Api;
using static CommandCenter.Server.Components.UiText;

namespace CommandCenter.Server.Components.Sites;

/// <summary>A device's latest status in a few words and a colour, from its kind's status data.</summary>
public sealed record DeviceReading(string Text, string Css)
{
    public static DeviceReading Of(DeviceDto? device)
    {
        if (device is null)
        {
            return new("—", "cc-s-none");
        }

        var css = device.State switch
        {
            DeviceState.Ok => "cc-s-ok",
            DeviceState.Fault => "cc-s-alarm",
            DeviceState.Offline => "cc-s-offline",
            _ => "cc-s-warning",
        };
        if (device.State == DeviceState.Offline)
        {
            return new(T("offline"), css);
        }

        if (device.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            return new(T(device.State == DeviceState.Unknown ? "dev_unknown" : "dev_ok"), css);
        }

        var text = device.Kind switch
        {
            DeviceKind.Jammer => StringOf(data, "fault") is { } fault ? $"{T("dev_fault")} {fault}" : Flag(data, "on", "on", "off"),
            DeviceKind.Clock => Clock(data),
            DeviceKind.Camera => $"{Flag(data, "online", "online", "offline")} · {Flag(data, "recording", "recording", "not_recording")}",
            DeviceKind.MetalDetector => Flag(data, "ready", "ready", "not_ready") + (Number(data, "batteryPct") is { } b ? $" · {b:0}%" : ""),
            DeviceKind.IdReader => Flag(data, "ready", "ready", "not_ready"),
            DeviceKind.VaultDoor => Flag(data, "closed", "event_closed", "event_opened"),
            _ => T("dev_ok"),
        };
        return new(text, css);
    }

    private static string Clock(JsonElement data)
    {
        var offset = Number(data, "offsetMs") is { } ms ? $"{(ms >= 0 ? "+" : "")}{ms.ToString("N0", CultureInfo.CurrentCulture)} ms" : "—";
        return data.TryGetProperty("synced", out var synced) && synced.ValueKind == JsonValueKind.False ? $"{offset} · {T("not_synced")}" : offset;
    }

    private static string Flag(JsonElement data, string name, string trueKey, string falseKey) =>
        data.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? T(value.ValueKind == JsonValueKind.True ? trueKey : falseKey)
            : "—";

    private static double? Number(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? StringOf(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
