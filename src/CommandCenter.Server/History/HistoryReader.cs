using System.Text.Json;
using CommandCenter.Server.Security;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.History;

/// <summary>The series the history API (and the dashboard's charts) read, each one query on InfluxDB.</summary>
public enum HistorySeries
{
    RegionRollups,
    SiteDevices,
    SiteEvents,
    SiteRollups,
    SiteClocks,
}

/// <summary>What a history read came to: rows, or why there are none.</summary>
public enum HistoryOutcome
{
    Rows,
    Off,
    OutOfScope,
    BadRange,
    Unavailable,
}

public sealed record HistoryResult(HistoryOutcome Outcome, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Dictionary<string, object?>> Rows);

/// <summary>
/// Reads history for one caller: scope first (nothing is read outside it), then the range (at most
/// 31 days), then InfluxDB. Shared by <c>GET /api/v1/history/…</c> and the dashboard's history page.
/// </summary>
public sealed class HistoryReader(IServiceProvider services, IOptions<InfluxOptions> options, TimeProvider time)
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public bool Enabled => options.Value.Enabled && services.GetService<InfluxClient>() is not null;

    public async Task<HistoryResult> Read(AccessScope scope, HistorySeries series, string id, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        var inScope = series == HistorySeries.RegionRollups ? scope.CanReadRegion(id) : scope.CanReadSite(id);
        if (!inScope)
        {
            return new(HistoryOutcome.OutOfScope, start, end, []);
        }

        if (!Enabled)
        {
            return new(HistoryOutcome.Off, start, end, []);
        }

        if (start > end || end - start > MaxRange)
        {
            return new(HistoryOutcome.BadRange, start, end, []);
        }

        var range = $"time >= {start.ToUnixTimeMilliseconds()}ms AND time <= {end.ToUnixTimeMilliseconds()}ms";
        try
        {
            var result = await services.GetRequiredService<InfluxClient>().QueryAsync(Query(series, id, range), cancellationToken);
            return new(HistoryOutcome.Rows, start, end, result.SelectMany(s => s.Rows).Select(Row).ToList());
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(HistoryOutcome.Unavailable, start, end, []);
        }
    }

    private static string Query(HistorySeries series, string id, string range)
    {
        var (policy, measurement, tag) = series switch
        {
            HistorySeries.RegionRollups => (InfluxOptions.RollupPolicy, HistoryPoints.RollupMeasurement, "region"),
            HistorySeries.SiteDevices => (InfluxOptions.EventPolicy, HistoryPoints.StateMeasurement, "site"),
            HistorySeries.SiteEvents => (InfluxOptions.EventPolicy, HistoryPoints.EventMeasurement, "site"),
            HistorySeries.SiteRollups => (InfluxOptions.RollupPolicy, HistoryPoints.SiteRollupMeasurement, "site"),
            HistorySeries.SiteClocks => (InfluxOptions.RollupPolicy, HistoryPoints.ClockMeasurement, "site"),
            _ => throw new ArgumentOutOfRangeException(nameof(series)),
        };
        return $"SELECT * FROM {InfluxClient.Quote(policy)}.{InfluxClient.Quote(measurement)} WHERE {tag} = {InfluxClient.Literal(id)} AND {range} ORDER BY time ASC LIMIT 10000";
    }

    private static Dictionary<string, object?> Row(IReadOnlyDictionary<string, JsonElement> row) =>
        row.ToDictionary(
            c => c.Key,
            c => c.Key == "time" && c.Value.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (object?)c.Value);
}
