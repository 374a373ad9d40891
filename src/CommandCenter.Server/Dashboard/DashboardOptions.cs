namespace CommandCenter.Server.Dashboard;

/// <summary>The one map's settings (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// A tile server for deployments that have one, e.g. <c>https://tiles.example/{z}/{x}/{y}.png</c>.
    /// Empty (the default): the map draws only the shipped city and county boundaries, offline.
    /// </summary>
    public string? TileUrl { get; set; }

    /// <summary>Attribution shown with the tiles (required by most tile licences).</summary>
    public string? TileAttribution { get; set; }

    /// <summary>The time zone the standard time is shown in (exam times are Beijing time).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.CreateCustomTimeZone(TimeZone, TimeSpan.FromHours(8), TimeZone, TimeZone);
}
