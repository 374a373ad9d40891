using System.Text.Json;

namespace CommandCenter.Regions;

/// <summary>
/// The regions of one province, loaded from the GeoJSON shipped in this assembly.
/// Immutable once built; share one instance.
/// </summary>
public sealed class RegionCatalog
{
    private readonly Dictionary<string, Region> _byCode;
    private readonly Dictionary<string, List<Region>> _children;

    private RegionCatalog(Region province, IEnumerable<Region> regions)
    {
        Province = province;
        _byCode = regions.Append(province).ToDictionary(r => r.Code, StringComparer.Ordinal);
        _children = _byCode.Values
            .Where(r => r.ParentCode is not null)
            .GroupBy(r => r.ParentCode!)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>The province.</summary>
    public Region Province { get; }

    /// <summary>Cities in code order.</summary>
    public IReadOnlyList<Region> Cities => ChildrenOf(Province.Code);

    /// <summary>Counties in code order.</summary>
    public IReadOnlyList<Region> Counties =>
        Cities.SelectMany(c => ChildrenOf(c.Code)).ToList();

    /// <summary>Hunan (43): 14 cities, 122 counties.</summary>
    public static RegionCatalog Hunan { get; } = Load("43", "湖南省", "hunan");

    /// <summary>The region with this code, if the catalog has it.</summary>
    public Region? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The regions directly below <paramref name="code"/>.</summary>
    public IReadOnlyList<Region> ChildrenOf(string code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    /// <summary>The raw GeoJSON of a layer (<c>prefectures</c> or <c>counties</c>), for the map.</summary>
    public static Stream OpenGeoJson(string folder, string layer) =>
        typeof(RegionCatalog).Assembly.GetManifestResourceStream($"{folder}/{layer}.geojson")
        ?? throw new FileNotFoundException($"no embedded layer {folder}/{layer}.geojson");

    private static RegionCatalog Load(string provinceCode, string provinceName, string folder)
    {
        var cities = ReadLayer(folder, "prefectures", RegionLevel.City, _ => provinceCode);
        var counties = ReadLayer(folder, "counties", RegionLevel.County, p => p.GetProperty("prefecture").GetString()!);
        var center = new GeoPoint(cities.Average(c => c.Center.Lon), cities.Average(c => c.Center.Lat));
        var province = new Region(provinceCode, provinceName, RegionLevel.Province, null, center,
            cities.SelectMany(c => c.OuterRings).ToList());
        return new RegionCatalog(province, cities.Concat(counties));
    }

    private static List<Region> ReadLayer(string folder, string layer, RegionLevel level, Func<JsonElement, string> parentOf)
    {
        using var stream = OpenGeoJson(folder, layer);
        using var doc = JsonDocument.Parse(stream);
        var regions = new List<Region>();
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var center = props.GetProperty("center");
            regions.Add(new Region(
                props.GetProperty("code").GetString()!,
                props.GetProperty("name").GetString()!,
                level,
                parentOf(props),
                new GeoPoint(center[0].GetDouble(), center[1].GetDouble()),
                OuterRingsOf(feature.GetProperty("geometry"))));
        }

        return regions;
    }

    private static List<IReadOnlyList<GeoPoint>> OuterRingsOf(JsonElement geometry)
    {
        var coordinates = geometry.GetProperty("coordinates");
        var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
            ? coordinates.EnumerateArray().ToList()
            : [coordinates];
        return polygons
            .Select(polygon => (IReadOnlyList<GeoPoint>)polygon[0].EnumerateArray()
                .Select(p => new GeoPoint(p[0].GetDouble(), p[1].GetDouble()))
                .ToList())
            .ToList();
    }
}
