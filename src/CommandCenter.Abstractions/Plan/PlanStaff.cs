namespace CommandCenter.Abstractions.Plan;

/// <summary>What a member of staff does on the day.</summary>
[GenerateSerializer]
public enum StaffRole
{
    /// <summary>Site chief (主考).</summary>
    Chief = 0,
    /// <summary>Deputy chief (副主考).</summary>
    DeputyChief = 1,
    /// <summary>Invigilator (监考员).</summary>
    Invigilator = 2,
    /// <summary>Patrol inspector (巡考员).</summary>
    Inspector = 3,
    /// <summary>Video monitor (视频监考员).</summary>
    VideoMonitor = 4,
    /// <summary>Vault keeper (保密员).</summary>
    VaultKeeper = 5,
    /// <summary>Discipline inspection (纪检监察).</summary>
    Supervisor = 6,
    /// <summary>Any other role (工作人员).</summary>
    Staff = 7,
}

/// <summary>
/// A member of staff by 工号. <see cref="SiteId"/> is where they work (null for county or city staff,
/// who have a <see cref="RegionCode"/>); <see cref="Account"/> is their sign-in name, when they have one,
/// so an inspector's tablet finds the alarms dispatched to them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlanStaff(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string Name,
    [property: Id(2)] StaffRole Role,
    [property: Id(3)] string? SiteId,
    [property: Id(4)] string? RegionCode,
    [property: Id(5)] string? Account);

/// <summary>A patrol inspector (巡考员) assigned to a site.</summary>
[GenerateSerializer, Immutable]
public sealed record InspectorAssignment(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string SiteId);
