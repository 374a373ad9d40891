using System.Globalization;
using CommandCenter.Server.Api;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.History;

/// <summary>
/// <c>GET /api/v1/history/…</c>: roll-ups of a region and of a site, a site's clock offsets, state
/// changes and events, each checked against the caller's scope; <c>from</c>/<c>to</c> are RFC 3339
/// (default: the last 24 h, at most 31 days).
/// </summary>
public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/history");
        api.MapGet("/regions/{code}", (string code, string? from, string? to, HttpContext http, HistoryReader reader) =>
            Read(http, reader, HistorySeries.RegionRollups, code, from, to, $"region {code}"));
        api.MapGet("/sites/{siteId}/devices", (string siteId, string? from, string? to, HttpContext http, HistoryReader reader) =>
            Read(http, reader, HistorySeries.SiteDevices, siteId, from, to, $"site {siteId}"));
        api.MapGet("/sites/{siteId}/events", (string siteId, string? from, string? to, HttpContext http, HistoryReader reader) =>
            Read(http, reader, HistorySeries.SiteEvents, siteId, from, to, $"site {siteId}"));
        api.MapGet("/sites/{siteId}/rollups", (string siteId, string? from, string? to, HttpContext http, HistoryReader reader) =>
            Read(http, reader, HistorySeries.SiteRollups, siteId, from, to, $"site {siteId}"));
        api.MapGet("/sites/{siteId}/clocks", (string siteId, string? from, string? to, HttpContext http, HistoryReader reader) =>
            Read(http, reader, HistorySeries.SiteClocks, siteId, from, to, $"site {siteId}"));
        api.MapGet("/stats", (HttpContext http, IServiceProvider services) =>
            services.GetService<HistoryStats>() is { } stats ? Results.Ok(stats) : Off());
        return app;
    }

    private static async Task<IResult> Read(HttpContext http, HistoryReader reader, HistorySeries series, string id, string? from, string? to, string what)
    {
        if (!TryTime(from, out var start) || !TryTime(to, out var end))
        {
            return BadRange();
        }

        var result = await reader.Read(AccessScope.Of(http.User), series, id, start, end, http.RequestAborted);
        return result.Outcome switch
        {
            HistoryOutcome.OutOfScope => SituationEndpoints.OutOfScope(http, what),
            HistoryOutcome.Off => Off(),
            HistoryOutcome.BadRange => BadRange(),
            HistoryOutcome.Unavailable => Results.Problem("The history database does not answer right now; the live view is unaffected.", statusCode: 503, title: "History unavailable"),
            _ => Results.Ok(new { from = result.From, to = result.To, rows = result.Rows }),
        };
    }

    private static bool TryTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static IResult BadRange() =>
        Results.Problem("from/to must be RFC 3339 times, from before to, at most 31 days apart.", statusCode: 400, title: "Bad time range");

    private static IResult Off() =>
        Results.Problem("History is off on this server (Influx:Url is empty).", statusCode: 404, title: "No history");
}
