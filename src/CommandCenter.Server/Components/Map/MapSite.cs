using System.Text.Json.Serialization;
using CommandCenter.Server.Dashboard;

namespace CommandCenter.Server.Components.Map;

/// <summary>One marker as the JS module takes it (short names: 400+ of them cross the wire on a reset).</summary>
public sealed record MapSite(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("lat")] double Lat,
    [property: JsonPropertyName("lon")] double Lon,
    [property: JsonPropertyName("s")] string Status)
{
    public static MapSite From(LiveSite site) =>
        new(site.SiteId, site.Info.Name, site.Info.Lat, site.Info.Lon, site.Status.Wire());
}

/// <summary>A region's shading: how many of its sites are in alarm.</summary>
public sealed record RegionShade([property: JsonPropertyName("alarms")] int Alarms);
