namespace CommandCenter.Abstractions.Papers;

/// <summary>Why a custody event was refused; each is counted per site and kept with the event.</summary>
[GenerateSerializer]
public enum CustodyRefusal
{
    /// <summary>No bag with this id was registered.</summary>
    UnknownBag = 0,
    /// <summary>The bag belongs to another site.</summary>
    WrongSite = 1,
    /// <summary>The action does not follow from the bag's state (skipped or repeated step).</summary>
    OutOfOrder = 2,
    /// <summary>Handed to or opened in a room that is not the bag's.</summary>
    WrongRoom = 3,
    /// <summary>Opened before the session's bag-opening time.</summary>
    OpenedTooEarly = 4,
    /// <summary>Fewer staff than the exam's handling rule asks for this step.</summary>
    TooFewStaff = 5,
    /// <summary>A staff id (工号) that the exam plan does not list for this site or its region.</summary>
    StaffNotInPlan = 6,
    /// <summary>A spare or backup bag opened without a commander's approval first.</summary>
    ApprovalMissing = 7,
    /// <summary>A spare or backup bag opened without both the site's chief and deputy chief.</summary>
    ChiefAndDeputyRequired = 8,
    /// <summary>An unknown action, or a field the action needs is missing.</summary>
    InvalidEvent = 9,
    /// <summary>No exam plan is loaded, so staff and opening times cannot be checked.</summary>
    NoPlan = 10,
}
