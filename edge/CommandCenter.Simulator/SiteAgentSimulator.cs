using System.Threading.Channels;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Simulator.Agents;
using CommandCenter.Simulator.Model;
using CommandCenter.Simulator.Payloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Protocol;

namespace CommandCenter.Simulator;

/// <summary>
/// One simulated site agent: its devices' state, one MQTT connection (<c>site-{siteId}</c>, retained
/// presence and offline will, reconnect with backoff) and one pump that does the work it is asked
/// for, in order. Usually driven by <see cref="ProvinceSimulation"/>'s scheduler through the
/// Request methods; a one-site model in a <see cref="ProvinceSimulation"/> runs one alone.
/// </summary>
public sealed class SiteAgentSimulator
{
    private const int RoutineBacklogLimit = 256;

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SimulationCounters _counters;
    private readonly SiteState _state;
    private readonly SitePayloads _payloads;
    private readonly SiteConnection _connection;
    private readonly Dictionary<string, int> _roomIndex;
    private readonly string _batchTopic;
    private readonly Dictionary<string, string> _eventTopics;
    private readonly MqttQualityOfServiceLevel _statusQos;
    private readonly Channel<SiteWork> _work = Channel.CreateUnbounded<SiteWork>(new UnboundedChannelOptions { SingleReader = true });
    private int _routineBacklog;

    public SiteAgentSimulator(
        SimSite site,
        SimulationOptions options,
        TimeProvider? time = null,
        ILogger? logger = null,
        SimulationCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        Site = site;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _counters = counters ?? new SimulationCounters();
        _state = new SiteState(site, options.Seed, _time.GetUtcNow());
        _payloads = new SitePayloads(_state, new MessageIdSource(MessageIdSource.NewRunStamp(_time)));
        _connection = new SiteConnection(site.SiteId, options, _payloads.Presence, _time, _logger, _counters);
        _roomIndex = site.Rooms.Select((r, i) => (r.Room, i)).ToDictionary(x => x.Room, x => x.i, StringComparer.Ordinal);
        _batchTopic = EdgeTopics.Batch(site.SiteId);
        _eventTopics = site.AllDevices.ToDictionary(d => d.DeviceId, d => EdgeTopics.DeviceEvent(site.SiteId, d.DeviceId), StringComparer.Ordinal);
        _statusQos = options.StatusQos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce;
    }

    /// <summary>Raised on the agent's pump when a fault takes effect (<see cref="SimulationFault.At"/> is that moment).</summary>
    public event Action<SimulationFault>? FaultInjected;

    public SimSite Site { get; }

    public string SiteId => Site.SiteId;

    /// <summary>Connected and presence published.</summary>
    public bool IsOnline => _connection.IsOnline;

    public SimulationCounters Counters => _counters;

    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>Connects after <paramref name="connectDelay"/> and works until cancelled; then announces itself offline.</summary>
    public async Task RunAsync(TimeSpan connectDelay, CancellationToken cancellationToken)
    {
        var pump = PumpAsync(cancellationToken);
        try
        {
            await _connection.RunAsync(connectDelay, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _work.Writer.TryComplete();
            await pump.ConfigureAwait(false);
        }
    }

    /// <summary>Asks for the status batch of a room (zero-based index); false when skipped because the agent is offline or behind.</summary>
    public bool RequestRoomStatus(int roomIndex) => TryRoutine(new SiteWork(SiteWorkKind.RoomStatus, roomIndex));

    /// <summary>Asks for the status batch of the site-level devices.</summary>
    public bool RequestSiteStatus() => TryRoutine(new SiteWork(SiteWorkKind.SiteStatus));

    /// <summary>Asks the room's identity reader to check its next candidate; checks made while offline are sent after reconnecting.</summary>
    public bool RequestVerification(int roomIndex) => TryRoutine(new SiteWork(SiteWorkKind.Verify, roomIndex), evenOffline: true);

    /// <summary>Queues a fault; a device fault needs the fault's room. A dropout of an agent that is offline has no effect.</summary>
    public void InjectFault(SimulationFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var room = -1;
        if (fault.Kind != FaultKind.AgentDropout && (fault.Room is null || !_roomIndex.TryGetValue(fault.Room, out room)))
        {
            throw new ArgumentException($"site {SiteId} has no room '{fault.Room}'", nameof(fault));
        }

        _work.Writer.TryWrite(new SiteWork(SiteWorkKind.Fault, room, Fault: fault));
    }

    /// <summary>
    /// Publishes a single-item batch with the room clock's <c>offsetMs</c> = <paramref name="value"/> and
    /// returns the time taken just before the publish. Fails when the agent is offline or not running.
    /// </summary>
    public async Task<DateTimeOffset> PublishProbeAsync(string room, long value, CancellationToken cancellationToken)
    {
        if (!_roomIndex.TryGetValue(room, out var index))
        {
            throw new ArgumentException($"site {SiteId} has no room '{room}'", nameof(room));
        }

        var done = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(new SiteWork(SiteWorkKind.Probe, index, value, Probe: done)))
        {
            throw new InvalidOperationException($"site agent {SiteId} is not running");
        }

        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool TryRoutine(SiteWork work, bool evenOffline = false)
    {
        if ((!evenOffline && !_connection.IsOnline) || Volatile.Read(ref _routineBacklog) >= RoutineBacklogLimit)
        {
            _counters.CountSkipped();
            return false;
        }

        Interlocked.Increment(ref _routineBacklog);
        if (_work.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Decrement(ref _routineBacklog);
        return false;
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (work.IsRoutine)
                {
                    Interlocked.Decrement(ref _routineBacklog);
                }

                try
                {
                    await HandleAsync(work, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    _counters.CountFailure();
                    work.Probe?.TrySetException(ex);
                    _logger.LogDebug(ex, "Site {SiteId}: {Work} failed", SiteId, work.Kind);
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: MQTTnet may report a publish cut short as a timeout rather than a cancellation.
        }

        while (_work.Reader.TryRead(out var left))
        {
            left.Probe?.TrySetCanceled(cancellationToken);
        }
    }

    private async Task HandleAsync(SiteWork work, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        switch (work.Kind)
        {
            case SiteWorkKind.RoomStatus:
                await _connection.TryPublishStatusAsync(_batchTopic, _payloads.RoomStatusBatch(work.Room, now), _statusQos, 5, cancellationToken)
                    .ConfigureAwait(false);
                break;

            case SiteWorkKind.SiteStatus:
                await _connection.TryPublishStatusAsync(_batchTopic, _payloads.SiteStatusBatch(now), _statusQos, Site.SiteDevices.Count,
                    cancellationToken).ConfigureAwait(false);
                break;

            case SiteWorkKind.Verify:
                var verification = _state.NextVerification(work.Room);
                await _connection.PublishEventAsync(_eventTopics[Site.Rooms[work.Room].IdReader.DeviceId],
                    _payloads.VerifyEvent(work.Room, verification, now), cancellationToken).ConfigureAwait(false);
                break;

            case SiteWorkKind.Fault:
                await ApplyFaultAsync(work.Fault!, work.Room, now, cancellationToken).ConfigureAwait(false);
                break;

            case SiteWorkKind.Probe:
                var probe = _payloads.ClockProbe(work.Room, work.Value, now);
                work.Probe!.TrySetResult(await _connection.PublishProbeAsync(_batchTopic, probe, _statusQos, cancellationToken).ConfigureAwait(false));
                break;
        }
    }

    private async Task ApplyFaultAsync(SimulationFault fault, int room, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (fault.Kind == FaultKind.AgentDropout)
        {
            if (_connection.TryDropout(fault.Duration))
            {
                FaultInjected?.Invoke(fault with { At = now });
            }

            return;
        }

        var events = _state.ApplyFault(fault.Kind, room, now, fault.Duration);
        FaultInjected?.Invoke(fault with { At = now });
        foreach (var deviceEvent in events)
        {
            await _connection.PublishEventAsync(_eventTopics[deviceEvent.Device.DeviceId], _payloads.DeviceEvent(deviceEvent, now), cancellationToken)
                .ConfigureAwait(false);
        }

        // The room's status shows the fault at once instead of at its next periodic turn.
        await _connection.TryPublishStatusAsync(_batchTopic, _payloads.RoomStatusBatch(room, now), _statusQos, 5, cancellationToken)
            .ConfigureAwait(false);
    }
}
