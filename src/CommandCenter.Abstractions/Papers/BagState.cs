namespace CommandCenter.Abstractions.Papers;

/// <summary>Where a paper bag is in its custody chain (试卷流), in the only order it may move.</summary>
[GenerateSerializer]
public enum BagState
{
    /// <summary>Packed and sealed, registered with the center, not yet in a vault.</summary>
    Sealed = 0,
    /// <summary>In the county vault (试卷保密室).</summary>
    StoredInVault = 1,
    /// <summary>Taken out of the vault for dispatch (sorting, ≥ 3 staff).</summary>
    CheckedOut = 2,
    /// <summary>On its way to the site.</summary>
    InTransit = 3,
    /// <summary>Arrived at the site.</summary>
    ReceivedAtSite = 4,
    /// <summary>In the site's paper storage room (试卷保管室).</summary>
    StoredAtSite = 5,
    /// <summary>Handed to the invigilators of its room.</summary>
    HandedToRoom = 6,
    /// <summary>Opened in the room in front of the candidates.</summary>
    Opened = 7,
    /// <summary>Answer sheets collected and sealed (≥ 2 staff).</summary>
    AnswerSheetsSealed = 8,
    /// <summary>Sealed answer sheets handed back for return.</summary>
    Returned = 9,
    /// <summary>Received at the scanning point: the end of the chain.</summary>
    ReceivedAtScanning = 10,
}
