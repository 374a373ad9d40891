namespace CommandCenter.Grains.Alarms;

/// <summary>The rules engine (section "Rules").</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>
    /// Off: sites keep their devices, tallies, timeline and candidate flow, but no rule runs and no alarm is raised
    /// by a rule (alarms raised directly, such as a recording failure, still are). For measuring what the rules cost.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
