using CommandCenter.Server.Ingest;

namespace CommandCenter.Server.Api;

/// <summary>The read API of the live situation (JSON, camelCase).</summary>
public static class SituationEndpoints
{
    public static IEndpointRouteBuilder MapSituationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");

        api.MapGet("/situation", async (SituationReader reader) =>
            Results.Ok(await reader.Region(reader.Catalog.Province.Code)));

        api.MapGet("/regions/{code}", async (string code, SituationReader reader) =>
            await reader.Region(code) is { } region
                ? Results.Ok(region)
                : Results.Problem($"No region with code '{Trim(code)}' in this province.", statusCode: 404, title: "Region not found"));

        api.MapGet("/sites/{siteId}", async (string siteId, SituationReader reader) =>
            await reader.Site(siteId) is { } site
                ? Results.Ok(site)
                : Results.Problem($"Site '{Trim(siteId)}' is not an 8-digit site id or has never reported.", statusCode: 404, title: "Site not found"));

        api.MapGet("/ingest/stats", (IngestStats stats) => Results.Ok(stats.Snapshot()));

        return app;
    }

    private static string Trim(string value) => value.Length > 32 ? value[..32] + "…" : value;
}
