using CommandCenter.Abstractions;

namespace CommandCenter.Grains;

// What the live grains write to storage ("live"): enough to come back after a silo dies with the
// same counts and the same duplicate detection. Field ids are stable: never renumber.

/// <summary>A room's, vault's or site's own devices.</summary>
[GenerateSerializer]
internal sealed class DeviceTableState
{
    [Id(0)] public List<DeviceView> Devices { get; set; } = [];

    [Id(1)] public List<string> MatchedTickets { get; set; } = [];

    [Id(2)] public int IdRejected { get; set; }

    /// <summary>The newest event ids, so a redelivered event stays a duplicate after a failover.</summary>
    [Id(3)] public List<string> RecentEventIds { get; set; } = [];
}

[GenerateSerializer]
internal sealed class SiteState
{
    [Id(0)] public bool Known { get; set; }

    [Id(1)] public bool Online { get; set; }

    [Id(2)] public string? AgentVersion { get; set; }

    [Id(3)] public DateTimeOffset? PresenceAt { get; set; }

    [Id(4)] public Dictionary<string, Tally> Holders { get; set; } = [];

    [Id(5)] public DeviceTableState Own { get; set; } = new();

    [Id(6)] public List<EventView> RecentEvents { get; set; } = [];

    [Id(7)] public List<string> RecentReportIds { get; set; } = [];
}

[GenerateSerializer]
internal sealed class RegionState
{
    [Id(0)] public Dictionary<string, Tally> Children { get; set; } = [];
}

[GenerateSerializer]
internal sealed class PaperBagState
{
    [Id(0)] public List<CustodyRecord> History { get; set; } = [];
}
