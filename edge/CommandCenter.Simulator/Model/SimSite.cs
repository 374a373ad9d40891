using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;

namespace CommandCenter.Simulator.Model;

/// <summary>An exam site (考点): its rooms and its site-level devices (vault door and cameras, gate reader).</summary>
public sealed record SimSite(
    string SiteId,
    string CountyCode,
    string CityCode,
    string Name,
    GeoPoint Location,
    IReadOnlyList<SimRoom> Rooms,
    IReadOnlyList<SimDevice> SiteDevices)
{
    public static IReadOnlyList<SimDevice> StandardSiteDevices { get; } =
    [
        new("vault-door", DeviceKind.VaultDoor, null),
        new("vault-cam1", DeviceKind.Camera, null),
        new("vault-cam2", DeviceKind.Camera, null),
        new("gate-id1", DeviceKind.IdReader, null),
    ];

    public IEnumerable<SimDevice> AllDevices => Rooms.SelectMany(r => r.Devices).Concat(SiteDevices);

    public int DeviceCount => (Rooms.Count * 5) + SiteDevices.Count;
}
