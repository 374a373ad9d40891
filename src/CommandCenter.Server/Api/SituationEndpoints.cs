using CommandCenter.Abstractions.Security;
using CommandCenter.Server.Ingest;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Api;

/// <summary>The read API of the live situation (JSON, camelCase), each call checked against the caller's scope.</summary>
public static class SituationEndpoints
{
    public static IEndpointRouteBuilder MapSituationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");

        api.MapGet("/situation", async (SituationReader reader, HttpContext http) =>
        {
            var province = reader.Catalog.Province.Code;
            return AccessScope.Of(http.User).CanReadRegion(province)
                ? Results.Ok(await reader.Region(province))
                : OutOfScope(http, "the province");
        });

        api.MapGet("/regions/{code}", async (string code, SituationReader reader, HttpContext http) =>
        {
            if (reader.Catalog.Find(code) is null)
            {
                return Results.Problem($"No region with code '{Trim(code)}' in this province.", statusCode: 404, title: "Region not found");
            }

            return AccessScope.Of(http.User).CanReadRegion(code) ? Results.Ok(await reader.Region(code)) : OutOfScope(http, $"region {code}");
        });

        api.MapGet("/sites/{siteId}", async (string siteId, SituationReader reader, HttpContext http) =>
        {
            if (!AccessScope.Of(http.User).CanReadSite(siteId))
            {
                return OutOfScope(http, $"site {Trim(siteId)}");
            }

            return await reader.Site(siteId) is { } site
                ? Results.Ok(site)
                : Results.Problem($"Site '{Trim(siteId)}' is not an 8-digit site id or has never reported.", statusCode: 404, title: "Site not found");
        });

        api.MapGet("/ingest/stats", (IngestStats stats, SituationReader reader, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            return scope.Role is Role.Administrator or Role.Auditor || (scope.Role == Role.ProvincialCommander && scope.SeesProvince(reader.Catalog))
                ? Results.Ok(stats.Snapshot())
                : OutOfScope(http, "ingest statistics");
        });

        return app;
    }

    internal static IResult OutOfScope(HttpContext http, string what) =>
        Results.Problem($"{what} is outside the scope of account '{http.User.Identity?.Name}'.", statusCode: 403, title: "Outside your scope");

    private static string Trim(string value) => value.Length > 32 ? value[..32] + "…" : value;
}
