namespace CommandCenter.Contracts.Protocol;

/// <summary>Topic names of edge protocol v1. Every topic lives under <c>cc/v1/site/{siteId}/</c>.</summary>
public static class EdgeTopics
{
    /// <summary>The common prefix of every v1 topic.</summary>
    public const string Prefix = "cc/v1/site/";

    /// <summary>What the center subscribes to: everything every site sends.</summary>
    public const string AllSites = "cc/v1/site/+/#";

    /// <summary>Retained presence of a site agent (and its will).</summary>
    public static string Agent(string siteId) => $"{Prefix}{siteId}/agent";

    /// <summary>One status envelope of one device.</summary>
    public static string DeviceStatus(string siteId, string deviceId) => $"{Prefix}{siteId}/device/{deviceId}/status";

    /// <summary>One event envelope of one device.</summary>
    public static string DeviceEvent(string siteId, string deviceId) => $"{Prefix}{siteId}/device/{deviceId}/event";

    /// <summary>Many envelopes of one site in one message.</summary>
    public static string Batch(string siteId) => $"{Prefix}{siteId}/batch";

    /// <summary>Paper-bag and vault custody events.</summary>
    public static string Custody(string siteId) => $"{Prefix}{siteId}/custody";

    /// <summary>Site reports, including the zero-report.</summary>
    public static string Report(string siteId) => $"{Prefix}{siteId}/report";

    /// <summary>Center to edge commands.</summary>
    public static string Command(string siteId) => $"{Prefix}{siteId}/command";

    /// <summary>Edge acknowledgements of commands.</summary>
    public static string CommandAck(string siteId) => $"{Prefix}{siteId}/command/ack";
}
