using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Regions;
using CommandCenter.Server.Dashboard;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Custody;

/// <summary>Bags of one region or site by place (<see cref="BagBuckets"/>), where the map draws them.</summary>
public sealed record BagBadge(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("lat")] double Lat,
    [property: JsonPropertyName("lon")] double Lon,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, int> Counts)
{
    public int Total => Counts.Values.Sum();
}

/// <summary>
/// What the map shows of the custody chain: bags by place per region one level below the view, and the
/// paper-set switches still in progress. Both are read on demand (a few seconds apart) rather than pushed:
/// bag indexes and switches are leaf grains off the situation push path, and custody moves slowly. The county
/// lists are shared by every screen of this silo for <see cref="ListFresh"/>.
/// </summary>
public sealed class CustodyMapReader(IGrainFactory grains, RegionCatalog catalog, SiteDirectory directory, TimeProvider time)
{
    public static readonly TimeSpan ListFresh = TimeSpan.FromSeconds(3);

    /// <summary>How long an unfinished switch stays on the map after it was ordered.</summary>
    public static readonly TimeSpan SwitchShownFor = TimeSpan.FromHours(12);

    /// <summary>Switch views are shared by this silo's screens for this long (each screen reads every 2 s).</summary>
    public static readonly TimeSpan SwitchesFresh = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<BagSummary> Bags)> _counties = new(StringComparer.Ordinal);
    private (DateTimeOffset At, IReadOnlyList<PaperSwitchView> Views) _switches = (DateTimeOffset.MinValue, []);

    /// <summary>
    /// Bag counts per child of <paramref name="region"/> (province → cities, city → counties, county → sites), or per
    /// site of the scope when the view is the user's own sites (<paramref name="region"/> null). Only bags the scope may read.
    /// </summary>
    public async Task<IReadOnlyList<BagBadge>> BagsByRegion(AccessScope scope, string? region)
    {
        var counties = region is not null ? CustodyScope.CountiesOf(region, catalog)
            : scope.RegionCode is { } home ? CustodyScope.CountiesOf(home, catalog)
            : scope.Sites.Select(RegionCodes.CountyOfSite).Distinct(StringComparer.Ordinal);
        var level = region is null ? RegionLevel.County : RegionCodes.LevelOf(region) ?? RegionLevel.County;
        var bags = (await Task.WhenAll(counties.Select(County))).SelectMany(b => b).Where(b => scope.CanReadSite(b.SiteId));
        return bags.GroupBy(b => ChildOf(level, b.SiteId), StringComparer.Ordinal)
            .Select(g => Badge(g.Key, g))
            .OrderBy(b => b.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Switches not yet acknowledged by every site (<paramref name="fresh"/>: not from the shared copy), ordered within <see cref="SwitchShownFor"/>, with only the sites the scope may read.</summary>
    public async Task<IReadOnlyList<PaperSwitchView>> ActiveSwitches(AccessScope scope, bool fresh = false)
    {
        var now = time.GetUtcNow();
        var (at, views) = _switches;
        if (fresh || now - at >= SwitchesFresh)
        {
            var ids = await grains.GetGrain<IPaperSwitchDirectoryGrain>("all").List();
            var read = await Task.WhenAll(ids.TakeLast(20).Select(id => grains.GetGrain<IPaperSwitchGrain>(id).GetView()));
            views = read.OfType<PaperSwitchView>().Where(v => !v.Complete && v.Order.OrderedAt >= now - SwitchShownFor).ToList();
            _switches = (now, views);
        }

        return views
            .Select(v => scope.CanReadRegion(v.Order.RegionCode) ? v : Narrowed(v, scope))
            .Where(v => v.Sites.Count > 0)
            .OrderByDescending(v => v.Order.OrderedAt)
            .ToList();
    }

    private static PaperSwitchView Narrowed(PaperSwitchView view, AccessScope scope)
    {
        var sites = view.Sites.Where(s => scope.CanReadSite(s.SiteId)).ToList();
        return new PaperSwitchView(view.Order with { Sites = sites.Select(s => s.SiteId).ToList() }, sites,
            sites.Count(s => s.State == SwitchSiteState.Acknowledged), sites.Count(s => s.State == SwitchSiteState.Pending),
            sites.Count(s => s.State == SwitchSiteState.Overdue), sites.Count(s => s.State == SwitchSiteState.Refused));
    }

    private async Task<IReadOnlyList<BagSummary>> County(string code)
    {
        var now = time.GetUtcNow();
        if (_counties.TryGetValue(code, out var cached) && now - cached.At < ListFresh)
        {
            return cached.Bags;
        }

        var bags = await grains.GetGrain<IBagIndexGrain>(code).List(null);
        _counties[code] = (now, bags);
        return bags;
    }

    private static string ChildOf(RegionLevel level, string siteId) => level switch
    {
        RegionLevel.Province => siteId[..4] + "00",
        RegionLevel.City => RegionCodes.CountyOfSite(siteId),
        _ => siteId,
    };

    private BagBadge Badge(string code, IEnumerable<BagSummary> bags)
    {
        var counts = BagBuckets.All.ToDictionary(b => b, _ => 0, StringComparer.Ordinal);
        foreach (var bag in bags)
        {
            counts[BagBuckets.Of(bag.State)]++;
        }

        if (catalog.Find(code) is { } region)
        {
            return new BagBadge(code, region.Name, region.Center.Lat, region.Center.Lon, counts);
        }

        var site = directory.Locate(code);
        return new BagBadge(code, site.Name, site.Lat, site.Lon, counts);
    }
}
