using System.Globalization;
using CommandCenter.Regions;

namespace CommandCenter.Simulator.Model;

/// <summary>The simulated sites of a province. Immutable; the same seed and options build the same model.</summary>
public sealed class ProvinceModel
{
    private const int LocationAttempts = 500;

    private readonly Dictionary<string, SimSite> _byId;

    private ProvinceModel(IReadOnlyList<SimSite> sites)
    {
        Sites = sites;
        _byId = sites.ToDictionary(s => s.SiteId, StringComparer.Ordinal);
    }

    public IReadOnlyList<SimSite> Sites { get; }

    public int RoomCount => Sites.Sum(s => s.Rooms.Count);

    public int DeviceCount => Sites.Sum(s => s.DeviceCount);

    public SimSite? Find(string siteId) => _byId.GetValueOrDefault(siteId);

    /// <summary>The first <paramref name="siteCount"/> sites only, for tests and small runs.</summary>
    public ProvinceModel Take(int siteCount) => new(Sites.Take(siteCount).ToList());

    public static ProvinceModel Build(RegionCatalog catalog, SimulationOptions options)
    {
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("invalid simulation options: " + string.Join("; ", problems), nameof(options));
        }

        if (options.Mode == SimulationMode.Off)
        {
            return new ProvinceModel([]);
        }

        var counties = catalog.Counties;
        var siteCounts = SiteCountsPerCounty(counties.Count, options);
        var rooms = Enumerable.Range(1, options.EffectiveRoomsPerSite)
            .Select(n => SimRoom.Create(n, options.CandidatesPerRoom))
            .ToList();
        var sites = new List<SimSite>(siteCounts.Sum());
        for (var i = 0; i < counties.Count; i++)
        {
            var county = counties[i];
            for (var number = 1; number <= siteCounts[i]; number++)
            {
                var siteId = county.Code + number.ToString("D2", CultureInfo.InvariantCulture);
                sites.Add(new SimSite(
                    siteId,
                    county.Code,
                    county.ParentCode ?? RegionCodes.ParentOf(county.Code) ?? county.Code,
                    $"{county.Name}第{number}考点",
                    LocateInside(county, SeededRandom.For(options.Seed, "location/" + siteId)),
                    rooms,
                    SimSite.StandardSiteDevices));
            }
        }

        return new ProvinceModel(sites);
    }

    /// <summary>How many sites each county gets; the Province default spreads the target evenly, the remainder to seeded counties.</summary>
    internal static int[] SiteCountsPerCounty(int countyCount, SimulationOptions options)
    {
        if (options.SitesPerCounty is { } fixedCount)
        {
            return Enumerable.Repeat(fixedCount, countyCount).ToArray();
        }

        if (options.Mode != SimulationMode.Province)
        {
            return Enumerable.Repeat(1, countyCount).ToArray();
        }

        var counts = Enumerable.Repeat(SimulationOptions.ProvinceSiteTarget / countyCount, countyCount).ToArray();
        var order = Enumerable.Range(0, countyCount).ToArray();
        SeededRandom.For(options.Seed, "site-counts").Shuffle(order);
        foreach (var county in order.Take(SimulationOptions.ProvinceSiteTarget % countyCount))
        {
            counts[county]++;
        }

        return counts;
    }

    /// <summary>A uniformly random point inside the county (rejection sampling in its bounds); its seat when that fails.</summary>
    internal static GeoPoint LocateInside(Region county, Random random)
    {
        var (min, max) = county.Bounds();
        for (var attempt = 0; attempt < LocationAttempts; attempt++)
        {
            var candidate = new GeoPoint(random.Between(min.Lon, max.Lon), random.Between(min.Lat, max.Lat));
            if (county.Contains(candidate))
            {
                return candidate;
            }
        }

        return county.Center;
    }
}
