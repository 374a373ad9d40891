namespace CommandCenter.Contracts.Protocol;

/// <summary>The custody actions of protocol v1.</summary>
public static class CustodyActions
{
    /// <summary>Every v1 action (<c>dispatched</c>, leaving the county vault for the site, was added to v1 compatibly).</summary>
    public static IReadOnlyList<string> All { get; } =
        ["received", "stored", "checked_out", "dispatched", "handed_over", "opened", "sealed", "returned"];

    /// <summary>Whether <paramref name="action"/> is a v1 action.</summary>
    public static bool IsKnown(string action) => All.Contains(action, StringComparer.Ordinal);
}
