using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Simulator.Agents;
using CommandCenter.Simulator.Model;
using CommandCenter.Simulator.Payloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Simulator;

/// <summary>
/// One simulated site agent: a single MQTT client <c>site-{siteId}</c> with a retained offline will,
/// retained presence on every connect, and a reconnect loop with backoff (MQTTnet 5 has no managed
/// client). It publishes what it is asked to through the Request methods, usually by
/// <see cref="ProvinceSimulation"/>'s scheduler; one pump task per agent does the work in order.
/// </summary>
public sealed class SiteAgentSimulator
{
    private const int RoutineBacklogLimit = 256;
    private const int PendingEventLimit = 5000;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    private readonly SimulationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SimulationCounters _counters;
    private readonly SiteState _state;
    private readonly SitePayloads _payloads;
    private readonly Random _connectionRandom;
    private readonly MqttClientOptions _clientOptions;
    private readonly Dictionary<string, int> _roomIndex;
    private readonly string _agentTopic;
    private readonly string _batchTopic;
    private readonly Dictionary<string, string> _eventTopics;
    private readonly MqttQualityOfServiceLevel _statusQos;
    private readonly Channel<SiteWork> _work = Channel.CreateUnbounded<SiteWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _pendingEvents = new();
    private int _pendingEventCount;
    private int _routineBacklog;
    private volatile IMqttClient? _client;
    private volatile bool _online;
    private TaskCompletionSource<TimeSpan> _dropout = NewDropoutSignal();

    public SiteAgentSimulator(
        SimSite site,
        SimulationOptions options,
        TimeProvider? time = null,
        ILogger? logger = null,
        SimulationCounters? counters = null)
    {
        Site = site;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _counters = counters ?? new SimulationCounters();
        _state = new SiteState(site, options.Seed, _time.GetUtcNow());
        _payloads = new SitePayloads(_state, new MessageIdSource(MessageIdSource.NewRunStamp(_time)));
        _connectionRandom = SeededRandom.For(options.Seed, "connection/" + site.SiteId);
        _roomIndex = site.Rooms.Select((r, i) => (r.Room, i)).ToDictionary(x => x.Room, x => x.i, StringComparer.Ordinal);
        _agentTopic = EdgeTopics.Agent(site.SiteId);
        _batchTopic = EdgeTopics.Batch(site.SiteId);
        _eventTopics = site.AllDevices.ToDictionary(d => d.DeviceId, d => EdgeTopics.DeviceEvent(site.SiteId, d.DeviceId), StringComparer.Ordinal);
        _statusQos = options.StatusQos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce;
        _clientOptions = ClientOptionsFor(site.SiteId, options);
    }

    /// <summary>Raised on the agent's pump when a fault takes effect (<see cref="SimulationFault.At"/> is that moment).</summary>
    public event Action<SimulationFault>? FaultInjected;

    public SimSite Site { get; }

    public string SiteId => Site.SiteId;

    /// <summary>Connected and presence published.</summary>
    public bool IsOnline => _online;

    public SimulationCounters Counters => _counters;

    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>Connects after <paramref name="connectDelay"/>, stays connected until cancelled, then says goodbye.</summary>
    public async Task RunAsync(TimeSpan connectDelay, CancellationToken cancellationToken)
    {
        var pump = PumpAsync(cancellationToken);
        try
        {
            await ConnectionLoopAsync(connectDelay, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Asks the room's identity reader to check its next candidate.</summary>
    public bool RequestVerification(int roomIndex) => TryRoutine(new SiteWork(SiteWorkKind.Verify, roomIndex));

    /// <summary>Queues a fault; device faults need the fault's room.</summary>
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
    /// returns the time taken just before the publish. Fails when the agent is offline.
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

    internal static MqttClientOptions ClientOptionsFor(string siteId, SimulationOptions options)
    {
        var builder = new MqttClientFactory().CreateClientOptionsBuilder()
            .WithTcpServer(options.BrokerHost, options.BrokerPort)
            .WithClientId("site-" + siteId)
            .WithProtocolVersion(options.ProtocolVersion)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(EdgeTopics.Agent(siteId))
            .WithWillPayload(SitePayloads.Will)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!string.IsNullOrEmpty(options.User))
        {
            builder = builder.WithCredentials(options.User, options.Password);
        }

        return builder.Build();
    }

    private static TaskCompletionSource<TimeSpan> NewDropoutSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool TryRoutine(SiteWork work)
    {
        if (!_online || Volatile.Read(ref _routineBacklog) >= RoutineBacklogLimit)
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

    private async Task ConnectionLoopAsync(TimeSpan connectDelay, CancellationToken cancellationToken)
    {
        try
        {
            if (connectDelay > TimeSpan.Zero)
            {
                await Task.Delay(connectDelay, _time, cancellationToken).ConfigureAwait(false);
            }

            var backoff = MinBackoff;
            while (!cancellationToken.IsCancellationRequested)
            {
                var offlineFor = await ConnectAndStayAsync(cancellationToken).ConfigureAwait(false);
                if (offlineFor is { } dropout)
                {
                    backoff = MinBackoff;
                    await Task.Delay(dropout, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var wait = backoff + _connectionRandom.Between(TimeSpan.Zero, backoff / 2);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await SayGoodbyeAsync().ConfigureAwait(false);
    }

    /// <summary>One connection's life. Returns how long to stay away after a simulated dropout, null after a real loss.</summary>
    private async Task<TimeSpan?> ConnectAndStayAsync(CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ =>
        {
            lost.TrySetResult();
            return Task.CompletedTask;
        };
        var dropout = NewDropoutSignal();
        Volatile.Write(ref _dropout, dropout);
        var keepClient = false;
        try
        {
            // MQTTnet applies its own timeout only when given an uncancellable token.
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(_clientOptions.Timeout);
            var result = await client.ConnectAsync(_clientOptions, connectTimeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                _logger.LogWarning("Site {SiteId}: broker refused the connection ({Code})", SiteId, result.ResultCode);
                return null;
            }

            _client = client;
            await PublishAsync(client, _agentTopic, _payloads.Presence(_time.GetUtcNow()), MqttQualityOfServiceLevel.AtLeastOnce,
                retain: true, deviceUpdates: 0, events: 0, cancellationToken).ConfigureAwait(false);
            _online = true;
            _counters.CountConnect();
            await FlushPendingEventsAsync(client, cancellationToken).ConfigureAwait(false);

            var ended = await Task.WhenAny(lost.Task, dropout.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            _online = false;
            if (ended == dropout.Task)
            {
                // Unclean on purpose: disposing the client closes the socket without a DISCONNECT
                // packet, so the broker publishes the retained offline will, as after a power cut.
                _logger.LogInformation("Site {SiteId}: simulated dropout for {Duration}", SiteId, dropout.Task.Result);
                return dropout.Task.Result;
            }

            _logger.LogInformation("Site {SiteId}: connection lost, reconnecting", SiteId);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            keepClient = client.IsConnected;
            throw;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogDebug(ex, "Site {SiteId}: connection failed", SiteId);
            return null;
        }
        finally
        {
            _online = false;
            if (!keepClient)
            {
                if (_client == client)
                {
                    _client = null;
                }

                client.Dispose();
            }
        }
    }

    /// <summary>On shutdown a real agent announces itself offline and disconnects cleanly.</summary>
    private async Task SayGoodbyeAsync()
    {
        var client = _client;
        _client = null;
        _online = false;
        if (client is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        try
        {
            if (client.IsConnected)
            {
                await client.PublishAsync(Message(_agentTopic, SitePayloads.Will, MqttQualityOfServiceLevel.AtLeastOnce, retain: true), timeout.Token)
                    .ConfigureAwait(false);
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Site {SiteId}: goodbye failed", SiteId);
        }
        finally
        {
            client.Dispose();
        }
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
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    _counters.CountFailure();
                    work.Probe?.TrySetException(ex);
                    _logger.LogDebug(ex, "Site {SiteId}: {Work} failed", SiteId, work.Kind);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
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
                await PublishStatusAsync(_payloads.RoomStatusBatch(work.Room, now), 5, cancellationToken).ConfigureAwait(false);
                break;

            case SiteWorkKind.SiteStatus:
                await PublishStatusAsync(_payloads.SiteStatusBatch(now), Site.SiteDevices.Count, cancellationToken).ConfigureAwait(false);
                break;

            case SiteWorkKind.Verify:
                var verification = _state.NextVerification(work.Room);
                await PublishEventAsync(_eventTopics[Site.Rooms[work.Room].IdReader.DeviceId],
                    _payloads.VerifyEvent(work.Room, verification, now), cancellationToken).ConfigureAwait(false);
                break;

            case SiteWorkKind.Fault:
                await ApplyFaultAsync(work.Fault!, work.Room, now, cancellationToken).ConfigureAwait(false);
                break;

            case SiteWorkKind.Probe:
                await PublishProbeAsync(work, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task ApplyFaultAsync(SimulationFault fault, int room, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (fault.Kind == FaultKind.AgentDropout)
        {
            if (_online && Volatile.Read(ref _dropout).TrySetResult(fault.Duration))
            {
                FaultInjected?.Invoke(fault with { At = now });
            }

            return;
        }

        var events = _state.ApplyFault(fault.Kind, room, now, fault.Duration);
        FaultInjected?.Invoke(fault with { At = now });
        foreach (var deviceEvent in events)
        {
            await PublishEventAsync(_eventTopics[deviceEvent.Device.DeviceId], _payloads.DeviceEvent(deviceEvent, now), cancellationToken)
                .ConfigureAwait(false);
        }

        // The room's status shows the fault at once instead of at its next periodic turn.
        if (_online)
        {
            await PublishStatusAsync(_payloads.RoomStatusBatch(room, now), 5, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishProbeAsync(SiteWork work, CancellationToken cancellationToken)
    {
        var client = _client;
        if (!_online || client is null)
        {
            throw new InvalidOperationException($"site agent {SiteId} is offline");
        }

        var payload = _payloads.ClockProbe(work.Room, work.Value, _time.GetUtcNow());
        var before = _time.GetUtcNow();
        await PublishAsync(client, _batchTopic, payload, _statusQos, retain: false, deviceUpdates: 1, events: 0, cancellationToken)
            .ConfigureAwait(false);
        work.Probe!.TrySetResult(before);
    }

    private async Task PublishStatusAsync(byte[] batch, int items, CancellationToken cancellationToken)
    {
        var client = _client;
        if (!_online || client is null)
        {
            _counters.CountSkipped();
            return;
        }

        await PublishAsync(client, _batchTopic, batch, _statusQos, retain: false, deviceUpdates: items, events: 0, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Events are never lost: while offline they wait, like a real agent's local queue, and go out after reconnecting.</summary>
    private async Task PublishEventAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var client = _client;
        if (_online && client is not null)
        {
            try
            {
                await PublishAsync(client, topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, deviceUpdates: 1, events: 1,
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _counters.CountFailure();
            }
        }

        if (Interlocked.Increment(ref _pendingEventCount) > PendingEventLimit)
        {
            Interlocked.Decrement(ref _pendingEventCount);
            _counters.CountSkipped();
            return;
        }

        _pendingEvents.Enqueue((topic, payload));
    }

    private async Task FlushPendingEventsAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        while (_pendingEvents.TryPeek(out var pending))
        {
            await PublishAsync(client, pending.Topic, pending.Payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false,
                deviceUpdates: 1, events: 1, cancellationToken).ConfigureAwait(false);
            if (_pendingEvents.TryDequeue(out _))
            {
                Interlocked.Decrement(ref _pendingEventCount);
            }
        }
    }

    private async Task PublishAsync(
        IMqttClient client, string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, int deviceUpdates, int events,
        CancellationToken cancellationToken)
    {
        await client.PublishAsync(Message(topic, payload, qos, retain), cancellationToken).ConfigureAwait(false);
        _counters.CountPublished(deviceUpdates, events);
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain) =>
        new()
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(payload),
            QualityOfServiceLevel = qos,
            Retain = retain,
        };
}
