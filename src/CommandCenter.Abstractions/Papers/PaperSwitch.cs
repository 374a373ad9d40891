namespace CommandCenter.Abstractions.Papers;

/// <summary>A commander's order to switch a region's sites from one paper set to another (A → B).</summary>
[GenerateSerializer, Immutable]
public sealed record PaperSwitchOrder(
    [property: Id(0)] string SwitchId,
    [property: Id(1)] string RegionCode,
    [property: Id(2)] string? SessionId,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string FromSet,
    [property: Id(5)] string ToSet,
    [property: Id(6)] string OrderedBy,
    [property: Id(7)] DateTimeOffset OrderedAt,
    [property: Id(8)] TimeSpan AckTimeout,
    [property: Id(9)] IReadOnlyList<string> Sites)
{
    /// <summary>The msgId of the command to one site; the site's ack names it, which leads back to this switch.</summary>
    public string CommandMsgId(string siteId) => $"{SwitchId}.{siteId}";

    /// <summary>The switch and site a command msgId belongs to, when it is one of ours.</summary>
    public static bool TryParseCommandMsgId(string msgId, out string switchId, out string siteId)
    {
        var dot = msgId.LastIndexOf('.');
        switchId = dot > 0 ? msgId[..dot] : "";
        siteId = dot > 0 ? msgId[(dot + 1)..] : "";
        return switchId.StartsWith(Prefix, StringComparison.Ordinal) && siteId.Length == 8 && siteId.All(char.IsAsciiDigit);
    }

    public const string Prefix = "sw-";
}

[GenerateSerializer]
public enum SwitchSiteState
{
    /// <summary>Command sent, no acknowledgement yet, still within the timeout.</summary>
    Pending = 0,
    /// <summary>The site acknowledged and carried it out.</summary>
    Acknowledged = 1,
    /// <summary>The site acknowledged but could not carry it out.</summary>
    Refused = 2,
    /// <summary>No acknowledgement within the timeout: an alarm.</summary>
    Overdue = 3,
}

[GenerateSerializer, Immutable]
public sealed record SwitchSiteProgress(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string CommandMsgId,
    [property: Id(2)] SwitchSiteState State,
    [property: Id(3)] DateTimeOffset? AnsweredAt,
    [property: Id(4)] string? Detail,
    [property: Id(5)] DateTimeOffset? OverdueSince,
    [property: Id(6)] DateTimeOffset? SentAt);

[GenerateSerializer, Immutable]
public sealed record PaperSwitchView(
    [property: Id(0)] PaperSwitchOrder Order,
    [property: Id(1)] IReadOnlyList<SwitchSiteProgress> Sites,
    [property: Id(2)] int Acknowledged,
    [property: Id(3)] int Pending,
    [property: Id(4)] int Overdue,
    [property: Id(5)] int Refused)
{
    public bool Complete => Acknowledged == Sites.Count;
}

/// <summary>
/// One paper-set switch, key its id (<c>sw-…</c>). Tracks each site's acknowledgement; a site that has not
/// acknowledged within the timeout becomes overdue (checked by a timer and on every read). A leaf grain.
/// </summary>
public interface IPaperSwitchGrain : IGrainWithStringKey
{
    /// <summary>Starts the switch; the same order again changes nothing. Commands are published by the caller.</summary>
    Task<PaperSwitchView> Start(PaperSwitchOrder order);

    /// <summary>Records that the command to <paramref name="siteId"/> went out.</summary>
    Task MarkSent(string siteId, DateTimeOffset at);

    /// <summary>A site's acknowledgement; false when it is not part of this switch or names another command.</summary>
    Task<bool> Acknowledge(string siteId, string commandMsgId, bool ok, string? detail, DateTimeOffset at);

    /// <summary>Marks sites overdue whose time is up; returns the view.</summary>
    Task<PaperSwitchView?> CheckOverdue();

    Task<PaperSwitchView?> GetView();
}

/// <summary>The switches ordered so far (key <c>all</c>), newest last.</summary>
public interface IPaperSwitchDirectoryGrain : IGrainWithStringKey
{
    Task Add(string switchId);

    Task<IReadOnlyList<string>> List();
}
