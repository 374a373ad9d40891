using CommandCenter.Abstractions;

namespace CommandCenter.Grains;

/// <summary>
/// Where grains hand what is worth keeping over time: device state transitions and events (not
/// every heartbeat), and once per <see cref="RollupInterval"/> each site's roll-up. The silo's
/// implementation queues them for the history database; the returned task waits while that queue
/// is full, so a slow database slows ingest instead of dropping history. No implementation
/// registered: no history.
/// </summary>
public interface IHistorySink
{
    /// <summary>How often sites roll up (the same slot on every silo, so repeated points overwrite each other).</summary>
    TimeSpan RollupInterval { get; }

    ValueTask DeviceStateChanged(string siteId, DeviceView device, DeviceState from, DateTimeOffset at);

    ValueTask DeviceEvent(EventView ev);

    ValueTask SiteRollup(SiteRollup rollup);
}

/// <summary>A site at the start of a roll-up slot: its device counts and every reporting clock's offset.</summary>
public sealed record SiteRollup(string SiteId, DateTimeOffset Slot, Tally Tally, IReadOnlyList<ClockReading> Clocks);

/// <summary>A clock's latest offset from standard time (ms, positive = ahead).</summary>
public sealed record ClockReading(string Room, string DeviceId, int OffsetMs);
