namespace CommandCenter.Regions;

/// <summary>A point as GeoJSON writes it: longitude first.</summary>
public readonly record struct GeoPoint(double Lon, double Lat);

/// <summary>One province, city or county with its seat and, below province level, its boundary.</summary>
public sealed record Region(
    string Code,
    string Name,
    RegionLevel Level,
    string? ParentCode,
    GeoPoint Center,
    IReadOnlyList<IReadOnlyList<GeoPoint>> OuterRings)
{
    /// <summary>Whether a point lies inside one of the region's outer rings (even-odd rule).</summary>
    public bool Contains(GeoPoint point)
    {
        foreach (var ring in OuterRings)
        {
            var inside = false;
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                var (a, b) = (ring[i], ring[j]);
                if ((a.Lat > point.Lat) != (b.Lat > point.Lat)
                    && point.Lon < ((b.Lon - a.Lon) * (point.Lat - a.Lat) / (b.Lat - a.Lat)) + a.Lon)
                {
                    inside = !inside;
                }
            }

            if (inside)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bounding box of the boundary: (min, max).</summary>
    public (GeoPoint Min, GeoPoint Max) Bounds()
    {
        var points = OuterRings.SelectMany(r => r).ToList();
        if (points.Count == 0)
        {
            return (Center, Center);
        }

        return (new GeoPoint(points.Min(p => p.Lon), points.Min(p => p.Lat)),
                new GeoPoint(points.Max(p => p.Lon), points.Max(p => p.Lat)));
    }
}
