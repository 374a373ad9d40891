using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Grains.Video;

/// <summary>
/// Section <c>VideoWall</c>. The rule is at most 9 feeds per monitor and 9 monitoring points per
/// video monitor (seed guide art. 42); a province may set fewer, never more.
/// </summary>
public sealed class VideoWallOptions
{
    public const string Section = "VideoWall";
    public const int RuleMaximum = 9;

    [Range(1, RuleMaximum)]
    public int MaxFeedsPerMonitor { get; set; } = RuleMaximum;

    [Range(1, RuleMaximum)]
    public int MaxPointsPerWatcher { get; set; } = RuleMaximum;
}
