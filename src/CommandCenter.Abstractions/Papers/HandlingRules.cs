namespace CommandCenter.Abstractions.Papers;

/// <summary>
/// How many people each custody step needs, set per exam (defaults from the national rules: sorting and
/// dispatch ≥ 3, answer sheets ≥ 2, spare or backup papers opened by the chief and the deputy after a
/// commander's approval).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HandlingRules
{
    /// <summary>Checking bags out of the vault and dispatching them (分发).</summary>
    [Id(0)] public int SortingDispatchMinStaff { get; init; } = 3;

    /// <summary>Sealing and returning answer sheets.</summary>
    [Id(1)] public int AnswerSheetMinStaff { get; init; } = 2;

    /// <summary>Any other handover: at least this many named people.</summary>
    [Id(2)] public int HandoverMinStaff { get; init; } = 1;

    /// <summary>Spare or backup papers: approval first, then opened by the site's chief and deputy chief.</summary>
    [Id(3)] public bool BackupNeedsApprovalAndChiefDeputy { get; init; } = true;

    /// <summary>Seconds a site has to acknowledge a paper-set switch before it is overdue (an alarm).</summary>
    [Id(4)] public int SwitchAckTimeoutSeconds { get; init; } = 60;

    /// <summary>Staff a vault door opening needs.</summary>
    [Id(5)] public int VaultMinStaff { get; init; } = 2;

    /// <summary>Cameras online and recording a vault needs.</summary>
    [Id(6)] public int VaultMinCameras { get; init; } = 2;

    /// <summary>How long a vault holding papers may be without anyone on duty before it is an alarm (shift changes take a moment).</summary>
    [Id(7)] public int DutyGapToleranceMinutes { get; init; } = 10;

    /// <summary>The staff needed for <paramref name="action"/> of a bag of <paramref name="kind"/>.</summary>
    public int MinStaffFor(string action, BagKind kind) => action switch
    {
        CustodyAction.CheckedOut or CustodyAction.Dispatched => SortingDispatchMinStaff,
        CustodyAction.Sealed or CustodyAction.Returned => AnswerSheetMinStaff,
        CustodyAction.Opened when kind != BagKind.Regular && BackupNeedsApprovalAndChiefDeputy => 2,
        CustodyAction.Approved => 0,
        _ => HandoverMinStaff,
    };

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SortingDispatchMinStaff is < 1 or > 20 || AnswerSheetMinStaff is < 1 or > 20 || HandoverMinStaff is < 1 or > 20)
        {
            problems.Add("staff minimums must be between 1 and 20");
        }

        if (SwitchAckTimeoutSeconds is < 5 or > 3600)
        {
            problems.Add("switchAckTimeoutSeconds must be between 5 and 3600");
        }

        if (VaultMinStaff is < 1 or > 20 || VaultMinCameras is < 0 or > 50)
        {
            problems.Add("vaultMinStaff must be 1–20 and vaultMinCameras 0–50");
        }

        if (DutyGapToleranceMinutes is < 0 or > 240)
        {
            problems.Add("dutyGapToleranceMinutes must be 0–240");
        }

        return problems;
    }
}
