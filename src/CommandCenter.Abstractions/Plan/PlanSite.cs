namespace CommandCenter.Abstractions.Plan;

/// <summary>An exam site (考点): 8-digit id (county code + 2-digit number), where it is.</summary>
[GenerateSerializer, Immutable]
public sealed record PlanSite(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Address,
    [property: Id(3)] double Lat,
    [property: Id(4)] double Lon,
    [property: Id(5)] string CountyCode);

/// <summary>An exam room (考场) of a site: 3-digit number, seats, candidates expected in it.</summary>
[GenerateSerializer, Immutable]
public sealed record PlanRoom(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string Room,
    [property: Id(2)] int Capacity,
    [property: Id(3)] int ExpectedCandidates);

/// <summary>
/// A device the site's agent should report; <see cref="Room"/> is null for site-level devices.
/// <see cref="VaultId"/> places a site-level device in one of the site's vaults (its cameras, its door).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlanDevice(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] CommandCenter.Contracts.Protocol.DeviceKind Kind,
    [property: Id(3)] string? Room,
    [property: Id(4)] string? VaultId = null);
