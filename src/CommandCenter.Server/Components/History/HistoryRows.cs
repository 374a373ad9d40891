using System.Text.Json;

namespace CommandCenter.Server.Components.History;

/// <summary>Chart points from history rows (as <c>HistoryReader</c> returns them: "time" plus InfluxDB's JSON values).</summary>
public static class HistoryRows
{
    /// <summary>A numeric field over time; rows without it (InfluxDB's null) are skipped.</summary>
    public static IReadOnlyList<ChartPoint> Field(IEnumerable<IReadOnlyDictionary<string, object?>> rows, string field) =>
        [.. rows.Select(r => (At: Time(r), Value: Number(r, field))).Where(p => p.At is not null && p.Value is not null).Select(p => new ChartPoint(p.At!.Value, p.Value!.Value))];

    /// <summary>Devices reporting OK as a percentage of all devices, per row; rows with no devices are skipped.</summary>
    public static IReadOnlyList<ChartPoint> Availability(IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var points = new List<ChartPoint>();
        foreach (var row in rows)
        {
            var ok = Number(row, "devices_ok") ?? 0;
            var total = ok + (Number(row, "devices_fault") ?? 0) + (Number(row, "devices_offline") ?? 0) + (Number(row, "devices_unknown") ?? 0);
            if (Time(row) is { } at && total > 0)
            {
                points.Add(new ChartPoint(at, 100 * ok / total));
            }
        }

        return points;
    }

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, object?> row) => row.GetValueOrDefault("time") as DateTimeOffset?;

    private static double? Number(IReadOnlyDictionary<string, object?> row, string field) => row.GetValueOrDefault(field) switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };
}
