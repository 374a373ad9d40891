using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Server.Security;
using static CommandCenter.Server.Components.UiText;

namespace CommandCenter.Server.Components.Pages;

/// <summary>
/// What a map URL asks for, checked against the user's scope: a region, a site, the user's own
/// sites, or a problem ("not found", "outside your scope") shown instead of an error page.
/// </summary>
public sealed record MapView(string Kind, string? Region, string? Site, string? Problem)
{
    public static MapView Loading { get; } = new("loading", null, null, null);

    public string Key => $"{Kind}:{Site ?? Region}";

    public static MapView NotFound(string message) => new("problem", null, null, message);

    public static MapView Resolve(string? code, string? siteId, AccessScope scope, RegionCatalog catalog)
    {
        if (siteId is not null)
        {
            return !Identifiers.IsSiteId(siteId) ? NotFound(T("site_not_found", Shorten(siteId)))
                : !scope.CanReadSite(siteId) ? NotFound(T("out_of_scope", siteId))
                : new MapView("site", RegionCodes.CountyOfSite(siteId), siteId, null);
        }

        if (code is not null)
        {
            return catalog.Find(code) is null ? NotFound(T("region_not_found", Shorten(code)))
                : !scope.CanReadRegion(code) ? NotFound(T("out_of_scope", catalog.Find(code)!.Name))
                : new MapView("region", code, null, null);
        }

        return scope.RegionCode is { } home && catalog.Find(home) is not null
            ? new MapView("region", home, null, null)
            : new MapView("mine", null, null, null);
    }

    private static string Shorten(string value) => value.Length > 24 ? value[..24] + "…" : value;
}
