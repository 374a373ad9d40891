using CommandCenter.Abstractions;

namespace CommandCenter.Grains;

/// <summary>
/// Where grains hand what is worth keeping over time: device state transitions and events (not
/// every heartbeat). The silo's implementation queues them for the history database; the
/// returned task waits while that queue is full, so a slow database slows ingest instead of
/// dropping history. No implementation registered: no history.
/// </summary>
public interface IHistorySink
{
    ValueTask DeviceStateChanged(string siteId, DeviceView device, DeviceState from, DateTimeOffset at);

    ValueTask DeviceEvent(EventView ev);
}
