using CommandCenter.Abstractions.Video;

namespace CommandCenter.Grains.Alarms;

/// <summary>The site as the site-wide rules see it.</summary>
internal sealed class SiteFacts
{
    public bool Online { get; set; }

    /// <summary>Since when the agent is away (or since the plan listed a site that never connected).</summary>
    public DateTimeOffset? OfflineSince { get; set; }

    public Dictionary<string, DeviceFacts> Devices { get; } = new(StringComparer.Ordinal);

    /// <summary>The center's own findings on cameras (by device id) that still hold.</summary>
    public Dictionary<string, CameraConditions> CenterCameras { get; } = new(StringComparer.Ordinal);

    /// <summary>Sessions whose zero-report (零报告) arrived.</summary>
    public HashSet<string> ZeroReports { get; } = new(StringComparer.Ordinal);
}
