using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Server.Custody;

/// <summary>The five places the map counts bags in: the eleven states folded the way a commander asks "where are they".</summary>
public static class BagBuckets
{
    public const string Vault = "vault";
    public const string Transit = "transit";
    public const string Site = "site";
    public const string Opened = "opened";
    public const string Returned = "returned";

    public static IReadOnlyList<string> All { get; } = [Vault, Transit, Site, Opened, Returned];

    public static string Of(BagState state) => state switch
    {
        BagState.Sealed or BagState.StoredInVault or BagState.CheckedOut => Vault,
        BagState.InTransit => Transit,
        BagState.ReceivedAtSite or BagState.StoredAtSite or BagState.HandedToRoom => Site,
        BagState.Opened or BagState.AnswerSheetsSealed => Opened,
        _ => Returned,
    };
}
