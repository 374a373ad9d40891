using System.Text.Json;
using CommandCenter.Abstractions;
using CommandCenter.Grains;

namespace CommandCenter.Server.History;

/// <summary>How the live situation becomes InfluxDB points (measurements, tags and fields).</summary>
public static class HistoryPoints
{
    public const string StateMeasurement = "device_state";
    public const string EventMeasurement = "device_event";
    public const string RollupMeasurement = "region_rollup";
    public const string SiteRollupMeasurement = "site_rollup";
    public const string ClockMeasurement = "clock_offset";

    public static LinePoint StateChange(string siteId, DeviceView device, DeviceState from, DateTimeOffset at)
    {
        var fields = new List<KeyValuePair<string, object>>
        {
            new("state", Name(device.State)),
            new("state_code", (int)device.State),
            new("from", Name(from)),
            new("ok", device.State == DeviceState.Ok ? 1 : 0),
        };
        if (device.Kind == Contracts.Protocol.DeviceKind.Clock && OffsetMs(device.DataJson) is { } offset)
        {
            fields.Add(new("offset_ms", offset));
        }

        return new LinePoint(StateMeasurement, SiteTags(siteId, device.Room, KindName(device.Kind), device.Id), fields, at, InfluxOptions.EventPolicy);
    }

    public static LinePoint Event(EventView ev) => new(
        EventMeasurement,
        [.. SiteTags(ev.SiteId, ev.Room, ev.Kind is { } kind ? KindName(kind) : null, null), new("type", ev.Type)],
        [new("device", ev.DeviceId), new("detail", ev.Detail ?? "")],
        ev.Ts,
        InfluxOptions.EventPolicy);

    public static LinePoint Rollup(string code, string level, Tally tally, DateTimeOffset minute) => new(
        RollupMeasurement,
        [new("region", code), new("level", level)],
        [
            new("sites_total", tally.SitesTotal), new("sites_online", tally.SitesOnline),
            new("rooms_total", tally.RoomsTotal), new("rooms_all_ok", tally.RoomsAllOk),
            new("devices_ok", tally.DevicesOk), new("devices_fault", tally.DevicesFault),
            new("devices_offline", tally.DevicesOffline), new("devices_unknown", tally.DevicesUnknown),
            new("candidates_verified", tally.CandidatesVerified), new("id_rejected", tally.IdRejected),
        ],
        minute,
        InfluxOptions.RollupPolicy);

    /// <summary>A site's roll-up: one point for the site (device counts, clock offsets summed up) and one per clock.</summary>
    public static IEnumerable<LinePoint> SiteRollup(SiteRollup rollup)
    {
        var tally = rollup.Tally;
        var fields = new List<KeyValuePair<string, object>>
        {
            new("devices_ok", tally.DevicesOk), new("devices_fault", tally.DevicesFault),
            new("devices_offline", tally.DevicesOffline), new("devices_unknown", tally.DevicesUnknown),
            new("clocks", rollup.Clocks.Count),
        };
        if (rollup.Clocks.Count > 0)
        {
            fields.Add(new("clock_offset_mean_ms", rollup.Clocks.Average(c => (double)c.OffsetMs)));
            fields.Add(new("clock_offset_max_abs_ms", rollup.Clocks.Max(c => Math.Abs((long)c.OffsetMs))));
        }

        yield return new LinePoint(SiteRollupMeasurement, SiteTags(rollup.SiteId, null, null, null), fields, rollup.Slot, InfluxOptions.RollupPolicy);
        foreach (var clock in rollup.Clocks)
        {
            yield return new LinePoint(ClockMeasurement, SiteTags(rollup.SiteId, clock.Room, "clock", clock.DeviceId),
                [new("offset_ms", clock.OffsetMs)], rollup.Slot, InfluxOptions.RollupPolicy);
        }
    }

    private static List<KeyValuePair<string, string>> SiteTags(string siteId, string? room, string? kind, string? device)
    {
        var tags = new List<KeyValuePair<string, string>>
        {
            new("site", siteId),
            new("county", siteId[..6]),
            new("city", siteId[..4] + "00"),
            new("room", room ?? ""),
            new("kind", kind ?? ""),
        };
        if (device is not null)
        {
            tags.Add(new("device", device));
        }

        return tags;
    }

    private static string KindName(Contracts.Protocol.DeviceKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    private static string Name(DeviceState state) => state.ToString().ToLowerInvariant();

    private static long? OffsetMs(string? dataJson)
    {
        if (dataJson is null)
        {
            return null;
        }

        try
        {
            using var data = JsonDocument.Parse(dataJson);
            return data.RootElement.TryGetProperty("offsetMs", out var offset) && offset.TryGetInt64(out var ms) ? ms : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
