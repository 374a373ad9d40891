namespace CommandCenter.Server.Plan;

/// <summary>The exam plan imported when the server starts (section "Plan").</summary>
public sealed class PlanOptions
{
    public const string Section = "Plan";

    /// <summary>A plan to import on start: a .json file or a directory of CSV files. Empty: keep what is stored.</summary>
    public string? File { get; set; }

    /// <summary>Moves the plan's first session day to today (Beijing time), times of day kept: for demonstrations and simulated days.</summary>
    public bool RebaseToToday { get; set; }
}
