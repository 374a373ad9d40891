using System.Buffers;
using System.Collections.Concurrent;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Simulator.Payloads;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Simulator.Agents;

/// <summary>
/// The MQTT side of one site agent: client <c>site-{siteId}</c> with a retained offline will,
/// retained presence on every connect, a reconnect loop with backoff (MQTTnet 5 has no managed
/// client), a local queue that keeps events while offline, and simulated dropouts.
/// </summary>
internal sealed class SiteConnection
{
    private const int PendingEventLimit = 5000;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    private readonly string _siteId;
    private readonly Func<DateTimeOffset, byte[]> _presence;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SimulationCounters _counters;
    private readonly Random _random;
    private readonly MqttClientOptions _clientOptions;
    private readonly string _agentTopic;
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _pendingEvents = new();
    private int _pendingEventCount;
    private volatile IMqttClient? _client;
    private volatile bool _online;
    private TaskCompletionSource<TimeSpan> _dropout = NewDropoutSignal();

    public SiteConnection(
        string siteId, SimulationOptions options, Func<DateTimeOffset, byte[]> presence, TimeProvider time, ILogger logger,
        SimulationCounters counters)
    {
        _siteId = siteId;
        _presence = presence;
        _time = time;
        _logger = logger;
        _counters = counters;
        _random = SeededRandom.For(options.Seed, "connection/" + siteId);
        _clientOptions = ClientOptionsFor(siteId, options);
        _agentTopic = EdgeTopics.Agent(siteId);
    }

    /// <summary>Connected and presence published.</summary>
    public bool IsOnline => _online;

    public static MqttClientOptions ClientOptionsFor(string siteId, SimulationOptions options)
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

    /// <summary>Connects after <paramref name="connectDelay"/> and keeps reconnecting until cancelled, then says goodbye.</summary>
    public async Task RunAsync(TimeSpan connectDelay, CancellationToken cancellationToken)
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
                if (await ConnectAndStayAsync(cancellationToken).ConfigureAwait(false) is { } dropout)
                {
                    backoff = MinBackoff;
                    await Task.Delay(dropout, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var wait = backoff + _random.Between(TimeSpan.Zero, backoff / 2);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await SayGoodbyeAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the connection uncleanly and stays away for <paramref name="offlineFor"/>; false when not online.</summary>
    public bool TryDropout(TimeSpan offlineFor) => _online && Volatile.Read(ref _dropout).TrySetResult(offlineFor);

    /// <summary>Publishes a status batch; false (counted as skipped) while offline.</summary>
    public async Task<bool> TryPublishStatusAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, int items, CancellationToken cancellationToken)
    {
        var client = _client;
        if (!_online || client is null)
        {
            _counters.CountSkipped();
            return false;
        }

        await PublishAsync(client, topic, payload, qos, retain: false, items, events: 0, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Publishes at once and returns the time taken just before; throws while offline.</summary>
    public async Task<DateTimeOffset> PublishProbeAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, CancellationToken cancellationToken)
    {
        var client = _client;
        if (!_online || client is null)
        {
            throw new InvalidOperationException($"site agent {_siteId} is offline");
        }

        var before = _time.GetUtcNow();
        await PublishAsync(client, topic, payload, qos, retain: false, statuses: 1, events: 0, cancellationToken).ConfigureAwait(false);
        return before;
    }

    /// <summary>Events are never dropped lightly: while offline they wait, like a real agent's local queue, and go out after reconnecting.</summary>
    public async Task PublishEventAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var client = _client;
        if (_online && client is not null)
        {
            try
            {
                await PublishAsync(client, topic, payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, statuses: 0, events: 1,
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

    private static TaskCompletionSource<TimeSpan> NewDropoutSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static MqttApplicationMessage Message(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain) =>
        new()
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(payload),
            QualityOfServiceLevel = qos,
            Retain = retain,
        };

    /// <summary>One connection's life. Returns how long to stay away after a simulated dropout, null after a failure or loss.</summary>
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
        var keepForGoodbye = false;
        try
        {
            // MQTTnet applies its own timeout only when given an uncancellable token.
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(_clientOptions.Timeout);
                var result = await client.ConnectAsync(_clientOptions, connectTimeout.Token).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    _logger.LogWarning("Site {SiteId}: the broker refused the connection ({Code})", _siteId, result.ResultCode);
                    return null;
                }
            }

            _client = client;
            await PublishAsync(client, _agentTopic, _presence(_time.GetUtcNow()), MqttQualityOfServiceLevel.AtLeastOnce, retain: true,
                statuses: 0, events: 0, cancellationToken).ConfigureAwait(false);
            _online = true;
            _counters.CountConnect();
            await FlushPendingEventsAsync(client, cancellationToken).ConfigureAwait(false);

            var ended = await Task.WhenAny(lost.Task, dropout.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            _online = false;
            if (ended == dropout.Task)
            {
                // Unclean on purpose: disposing the client (finally, below) closes the socket without a
                // DISCONNECT packet, so the broker publishes the retained offline will, as after a power cut.
                _logger.LogInformation("Site {SiteId}: simulated dropout for {Duration}", _siteId, dropout.Task.Result);
                return dropout.Task.Result;
            }

            _logger.LogInformation("Site {SiteId}: connection lost, reconnecting", _siteId);
            return null;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // MQTTnet reports a cancelled QoS 1 publish as a timeout; either way we are stopping.
            keepForGoodbye = client.IsConnected;
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogDebug(ex, "Site {SiteId}: connecting failed", _siteId);
            return null;
        }
        finally
        {
            _online = false;
            if (!keepForGoodbye)
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
            _logger.LogDebug(ex, "Site {SiteId}: goodbye failed", _siteId);
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task FlushPendingEventsAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        while (_pendingEvents.TryPeek(out var pending))
        {
            await PublishAsync(client, pending.Topic, pending.Payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false,
                statuses: 0, events: 1, cancellationToken).ConfigureAwait(false);
            if (_pendingEvents.TryDequeue(out _))
            {
                Interlocked.Decrement(ref _pendingEventCount);
            }
        }
    }

    private async Task PublishAsync(
        IMqttClient client, string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, int statuses, int events,
        CancellationToken cancellationToken)
    {
        await client.PublishAsync(Message(topic, payload, qos, retain), cancellationToken).ConfigureAwait(false);
        _counters.CountPublished(statuses, events);
    }
}
