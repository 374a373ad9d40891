namespace CommandCenter.Abstractions.Papers;

/// <summary>The custody actions and the state each one leads to from the state it needs.</summary>
public static class CustodyAction
{
    public const string Stored = "stored";
    public const string CheckedOut = "checked_out";
    public const string Dispatched = "dispatched";
    public const string Received = "received";
    public const string HandedOver = "handed_over";
    public const string Opened = "opened";
    public const string Sealed = "sealed";
    public const string Returned = "returned";

    /// <summary>A commander's approval to open a spare or backup bag (step one of two); only from the API.</summary>
    public const string Approved = "approved";

    /// <summary>The state <paramref name="action"/> moves a bag to from <paramref name="from"/>, or null when it may not.</summary>
    public static BagState? Next(BagState from, string action) => (from, action) switch
    {
        (BagState.Sealed, Stored) => BagState.StoredInVault,
        (BagState.StoredInVault, CheckedOut) => BagState.CheckedOut,
        (BagState.CheckedOut, Dispatched) => BagState.InTransit,
        (BagState.InTransit, Received) => BagState.ReceivedAtSite,
        (BagState.ReceivedAtSite, Stored) => BagState.StoredAtSite,
        (BagState.StoredAtSite, HandedOver) => BagState.HandedToRoom,
        (BagState.HandedToRoom, Opened) => BagState.Opened,
        (BagState.Opened, Sealed) => BagState.AnswerSheetsSealed,
        (BagState.AnswerSheetsSealed, Returned) => BagState.Returned,
        (BagState.Returned, Received) => BagState.ReceivedAtScanning,
        _ => null,
    };

    /// <summary>Every action a custody event may carry (the approval is not one: it comes from a commander).</summary>
    public static IReadOnlyList<string> Events { get; } = [Stored, CheckedOut, Dispatched, Received, HandedOver, Opened, Sealed, Returned];

    /// <summary>The actions that name the bag's room, which must be the bag's own.</summary>
    public static bool NeedsRoom(string action) => action is HandedOver or Opened;
}
