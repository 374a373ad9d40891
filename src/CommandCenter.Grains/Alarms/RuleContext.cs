using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Grains.Alarms;

/// <summary>
/// What every rule may look at besides the device: the time, the exam's thresholds and timeline, and the
/// site's slice of the plan (null before any plan is imported: rules that need a session then stay quiet).
/// </summary>
internal sealed class RuleContext(DateTimeOffset now, SitePlan? plan, ExamTimeline timeline)
{
    public DateTimeOffset Now { get; } = now;

    public SitePlan? Plan { get; } = plan;

    public RuleThresholds Thresholds { get; } = plan?.Thresholds ?? Defaults;

    public ExamTimeline Timeline { get; } = timeline;

    public PhaseAt Phase { get; } = timeline.At(now);

    /// <summary>The session whose entry window or writing time is now, if any.</summary>
    public ExamSession? EntryOrSession { get; } = timeline.EntryOrSessionAt(now);

    /// <summary>Device health is watched around sessions; without a plan, always.</summary>
    public bool Watching => Plan is null || Phase.Phase != SessionPhase.Closed;

    private static RuleThresholds Defaults { get; } = new();
}
