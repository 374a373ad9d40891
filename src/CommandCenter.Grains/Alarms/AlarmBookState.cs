using CommandCenter.Abstractions.Alarms;

namespace CommandCenter.Grains.Alarms;

// A site's alarms as written to the "live" storage: the unclosed ones and the newest closed ones (history),
// and what the book needs to go on exactly where it stopped. Field ids are stable: never renumber.

[GenerateSerializer]
internal sealed class AlarmBookState
{
    [Id(0)] public List<StoredAlarm> Alarms { get; set; } = [];

    /// <summary>The causes that held at the last check, per scope (a device, or "site/{rule}").</summary>
    [Id(1)] public Dictionary<string, List<string>> ActiveByScope { get; set; } = [];

    [Id(2)] public List<string> ResolvedWhileActive { get; set; } = [];

    [Id(3)] public string? StormId { get; set; }

    /// <summary>Sessions whose zero-report (零报告) arrived.</summary>
    [Id(4)] public List<string> ZeroReports { get; set; } = [];
}

/// <summary>One alarm as stored: its view and the book's own bookkeeping.</summary>
[GenerateSerializer, Immutable]
internal sealed record StoredAlarm(
    [property: Id(0)] AlarmView View,
    [property: Id(1)] string Key,
    [property: Id(2)] bool Sticky,
    [property: Id(3)] DateTimeOffset? GoneSince);
