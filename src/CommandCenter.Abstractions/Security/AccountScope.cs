namespace CommandCenter.Abstractions.Security;

/// <summary>
/// Where an account may look: a region (GB/T 2260 code: province, city or county), or a list of
/// sites (inspectors, site chiefs), or a list of cameras (<c>{siteId}.{deviceId}</c>, video monitors).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccountScope(
    [property: Id(0)] string? Region,
    [property: Id(1)] IReadOnlyList<string> Sites,
    [property: Id(2)] IReadOnlyList<string> Cameras)
{
    public static AccountScope ForRegion(string code) => new(code, [], []);

    public static AccountScope ForSites(params string[] sites) => new(null, sites, []);

    public static AccountScope ForCameras(params string[] cameras) => new(null, [], cameras);
}
