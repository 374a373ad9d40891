namespace CommandCenter.Simulator;

/// <summary>Thread-safe running totals of a simulation, shared by all its site agents.</summary>
public sealed class SimulationCounters
{
    private long _published;
    private long _deviceUpdates;
    private long _events;
    private long _faults;
    private long _skipped;
    private long _failures;
    private long _connects;

    /// <summary>MQTT messages published (batches, events, presence).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Device statuses published (each batch item counts once); events are counted apart.</summary>
    public long DeviceUpdatesPublished => Interlocked.Read(ref _deviceUpdates);

    /// <summary>Device events published (identity checks and fault events).</summary>
    public long EventsPublished => Interlocked.Read(ref _events);

    public long FaultsInjected => Interlocked.Read(ref _faults);

    /// <summary>Periodic statuses not sent because the agent was offline or behind.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public long PublishFailures => Interlocked.Read(ref _failures);

    /// <summary>Successful connections, reconnections included.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    internal void CountPublished(int statuses, int events)
    {
        Interlocked.Increment(ref _published);
        if (statuses > 0)
        {
            Interlocked.Add(ref _deviceUpdates, statuses);
        }

        if (events > 0)
        {
            Interlocked.Add(ref _events, events);
        }
    }

    internal void CountFault() => Interlocked.Increment(ref _faults);

    internal void CountSkipped() => Interlocked.Increment(ref _skipped);

    internal void CountFailure() => Interlocked.Increment(ref _failures);

    internal void CountConnect() => Interlocked.Increment(ref _connects);
}
