using System.Globalization;
using System.Text.Json;
using CommandCenter.Abstractions;
using CommandCenter.Server.Api;
using CommandCenter.Server.Security;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.History;

/// <summary>
/// <c>GET /api/v1/history/…</c>: roll-ups of a region, state changes and events of a site, each
/// checked against the caller's scope; <c>from</c>/<c>to</c> are RFC 3339 (default: the last 24 h,
/// at most 31 days).
/// </summary>
public static class HistoryEndpoints
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/history");
        api.MapGet("/regions/{code}", (string code, string? from, string? to, HttpContext http, IServiceProvider services) =>
            Read(http, services, from, to, AccessScope.Of(http.User).CanReadRegion(code), $"region {code}",
                range => $"SELECT * FROM {InfluxClient.Quote(InfluxOptions.RollupPolicy)}.{InfluxClient.Quote(HistoryPoints.RollupMeasurement)} WHERE region = {InfluxClient.Literal(code)} AND {range} ORDER BY time ASC LIMIT 10000"));
        api.MapGet("/sites/{siteId}/devices", (string siteId, string? from, string? to, HttpContext http, IServiceProvider services) =>
            Read(http, services, from, to, AccessScope.Of(http.User).CanReadSite(siteId), $"site {siteId}",
                range => $"SELECT * FROM {InfluxClient.Quote(InfluxOptions.EventPolicy)}.{InfluxClient.Quote(HistoryPoints.StateMeasurement)} WHERE site = {InfluxClient.Literal(siteId)} AND {range} ORDER BY time ASC LIMIT 10000"));
        api.MapGet("/sites/{siteId}/events", (string siteId, string? from, string? to, HttpContext http, IServiceProvider services) =>
            Read(http, services, from, to, AccessScope.Of(http.User).CanReadSite(siteId), $"site {siteId}",
                range => $"SELECT * FROM {InfluxClient.Quote(InfluxOptions.EventPolicy)}.{InfluxClient.Quote(HistoryPoints.EventMeasurement)} WHERE site = {InfluxClient.Literal(siteId)} AND {range} ORDER BY time ASC LIMIT 10000"));
        api.MapGet("/stats", (HttpContext http, IServiceProvider services) =>
            services.GetService<HistoryStats>() is { } stats ? Results.Ok(stats) : Off());
        return app;
    }

    private static async Task<IResult> Read(HttpContext http, IServiceProvider services, string? from, string? to, bool inScope, string what, Func<string, string> query)
    {
        if (!inScope)
        {
            return SituationEndpoints.OutOfScope(http, what);
        }

        if (services.GetService<InfluxClient>() is not { } influx || !services.GetRequiredService<IOptions<InfluxOptions>>().Value.Enabled)
        {
            return Off();
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!TryTime(to, now, out var end) || !TryTime(from, end.AddDays(-1), out var start) || start > end || end - start > MaxRange)
        {
            return Results.Problem("from/to must be RFC 3339 times, from before to, at most 31 days apart.", statusCode: 400, title: "Bad time range");
        }

        var range = $"time >= {start.ToUnixTimeMilliseconds()}ms AND time <= {end.ToUnixTimeMilliseconds()}ms";
        try
        {
            var series = await influx.QueryAsync(query(range), http.RequestAborted);
            var rows = series.SelectMany(s => s.Rows).Select(Row).ToList();
            return Results.Ok(new { from = start, to = end, rows });
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxException)
        {
            return Results.Problem("The history database does not answer right now; the live view is unaffected.", statusCode: 503, title: "History unavailable");
        }
    }

    private static Dictionary<string, object?> Row(IReadOnlyDictionary<string, JsonElement> row) =>
        row.ToDictionary(
            c => c.Key,
            c => c.Key == "time" && c.Value.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (object?)c.Value);

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static IResult Off() =>
        Results.Problem("History is off on this server (Influx:Url is empty).", statusCode: 404, title: "No history");
}
