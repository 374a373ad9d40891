using System.Collections.Concurrent;
using CommandCenter.Regions;

namespace CommandCenter.Server.Dashboard;

/// <summary>Where a site is and what it is called, for the map.</summary>
public sealed record SiteInfo(string SiteId, string Name, double Lat, double Lon, bool Approximate);

/// <summary>
/// Names and positions of sites. Filled by whoever knows them (the exam plan, the simulation);
/// a site that reports before anyone registered it is placed near its county's centre, marked
/// approximate, so it is never missing from the map.
/// </summary>
public sealed class SiteDirectory(RegionCatalog catalog)
{
    private readonly ConcurrentDictionary<string, SiteInfo> _known = new(StringComparer.Ordinal);

    public void Register(IEnumerable<SiteInfo> sites)
    {
        foreach (var site in sites)
        {
            _known[site.SiteId] = site;
        }
    }

    public SiteInfo Locate(string siteId) => _known.TryGetValue(siteId, out var known) ? known : Approximate(siteId);

    private SiteInfo Approximate(string siteId)
    {
        var county = catalog.Find(RegionCodes.CountyOfSite(siteId));
        var center = county?.Center ?? catalog.Province.Center;
        // A stable offset per id (up to ≈ 3 km), so unplaced sites of one county do not sit on one point.
        var hash = 2166136261u; // FNV-1a: stable across processes, unlike string.GetHashCode
        foreach (var c in siteId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var dLon = (((hash & 0xFFFF) / 65535.0) - 0.5) * 0.06;
        var dLat = (((hash >> 16) / 65535.0) - 0.5) * 0.06;
        return new SiteInfo(siteId, siteId, center.Lat + dLat, center.Lon + dLon, Approximate: true);
    }
}
