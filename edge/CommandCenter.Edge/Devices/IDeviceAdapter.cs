namespace CommandCenter.Edge.Devices;

/// <summary>
/// A source of device readings: the local HTTP endpoint, the line-based TCP or serial adapter, the
/// simulated devices. An adapter only hands what it receives to the <see cref="DeviceInbox"/>, which
/// validates and queues it; adapters never publish to the center themselves.
/// </summary>
public interface IDeviceAdapter
{
    string Name { get; }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled; returns at once when the adapter is not configured.</summary>
    Task RunAsync(DeviceInbox inbox, CancellationToken stoppingToken);
}
