using System.Buffers;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Commands;
using CommandCenter.Edge.Devices;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Queue;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Edge.Mqtt;

/// <summary>
/// Publishes the queue to the center's broker: connects as <c>site-{siteId}</c> (retained presence
/// and will), replays everything not yet acknowledged in order, keeps up to
/// <c>Edge:Mqtt:MaxInflight</c> QoS 1 messages in flight, at most <c>Edge:Mqtt:MaxMessagesPerSecond</c>, merges a
/// backlog into batch messages (<see cref="BacklogMerger"/>) and removes a record from the queue only after the
/// PUBACK of the message that carried it. Reconnects with backoff and jitter; never gives up and never crashes the agent.
/// </summary>
public sealed class MqttForwarder(
    IOptions<EdgeOptions> options,
    DurableQueue queue,
    DeviceRegistry registry,
    CommandHandler commands,
    BrokerStatus status,
    AgentAlerts alerts,
    TimeProvider time,
    ILogger<MqttForwarder> logger) : BackgroundService
{
    private const string Source = "mqtt";
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PresenceDebounce = TimeSpan.FromSeconds(1);

    private readonly EdgeOptions _options = options.Value;
    private readonly string _broker = $"{(options.Value.Mqtt.UseTls ? "mqtts" : "mqtt")}://{options.Value.Mqtt.Host}:{options.Value.Mqtt.Port}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        status.Target(_broker);
        var clientOptions = MqttClientOptionsFactory.Create(_options.SiteId, _options.Mqtt, Presence.Offline);
        var backoff = new Backoff(_options.Mqtt.MinReconnectDelay, _options.Mqtt.MaxReconnectDelay, new Random());
        var gate = new RateGate(_options.Mqtt.MaxMessagesPerSecond, time);
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await RunConnectionAsync(clientOptions, gate, failures, stoppingToken).ConfigureAwait(false))
                {
                    backoff.Reset();
                    failures = 0;
                }
                else
                {
                    failures++;
                }

                var delay = backoff.Next();
                status.Waiting(time.GetUtcNow() + delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One connection from connect to loss; true when it got connected at all.</summary>
    private async Task<bool> RunConnectionAsync(MqttClientOptions clientOptions, RateGate gate, int failuresSoFar, CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ =>
        {
            lost.TrySetResult();
            return Task.CompletedTask;
        };
        client.ApplicationMessageReceivedAsync += e => HandleCommandAsync(e.ApplicationMessage.Payload.ToArray(), stoppingToken);

        try
        {
            // MQTTnet applies its own timeout only to an uncancellable token.
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            connectTimeout.CancelAfter(_options.Mqtt.ConnectTimeout);
            var result = await client.ConnectAsync(clientOptions, connectTimeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                var credentials = result.ResultCode is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
                    ? " (check Edge:Mqtt:User and Edge:Mqtt:Password)" : "";
                ReportFailure($"the broker refused the connection: {result.ResultCode}{credentials}", failuresSoFar);
                return false;
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(stoppingToken);
        }
        catch (Exception ex)
        {
            ReportFailure(Describe(ex), failuresSoFar);
            return false;
        }

        try
        {
            await PublishPresenceAsync(client, stoppingToken).ConfigureAwait(false);
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(EdgeTopics.Command(_options.SiteId), MqttQualityOfServiceLevel.AtLeastOnce).Build(), stoppingToken).ConfigureAwait(false);
            queue.RewindForReplay();
            status.Connected(time.GetUtcNow());
            var snapshot = queue.Snapshot();
            logger.LogInformation("Connected to {Broker} as site-{SiteId}; sending {Kept} queued events/records and {Status} status batches",
                _broker, _options.SiteId, snapshot.Kept.Pending, snapshot.Droppable.Pending);
            await PumpAsync(client, lost.Task, gate, stoppingToken).ConfigureAwait(false);
            ReportLoss("the connection was closed");
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            await SayGoodbyeAsync(client).ConfigureAwait(false);
            throw new OperationCanceledException(stoppingToken);
        }
        catch (Exception ex)
        {
            ReportLoss(Describe(ex));
        }

        return true;
    }

    private async Task PumpAsync(IMqttClient client, Task lost, RateGate gate, CancellationToken stoppingToken)
    {
        var window = _options.Mqtt.MaxInflight;
        var merger = new BacklogMerger(_options.SiteId, _options.Mqtt.MaxRecordsPerMessage, time);
        var inflight = new Queue<(Outgoing Unit, Task<MqttClientPublishResult> Ack)>(window);
        var ready = new Queue<Outgoing>();
        var records = new List<QueuedMessage>();
        var announced = registry.Version;
        var announcedAt = time.GetTimestamp();
        while (!lost.IsCompleted)
        {
            if (registry.Version != announced && time.GetElapsedTime(announcedAt) >= PresenceDebounce)
            {
                announced = registry.Version;
                announcedAt = time.GetTimestamp();
                await PublishPresenceAsync(client, stoppingToken).ConfigureAwait(false);
            }

            if (ready.Count == 0 && inflight.Count < window)
            {
                records.Clear();
                queue.ReadNext(records, (window - inflight.Count) * _options.Mqtt.MaxRecordsPerMessage);
                foreach (var unit in merger.Group(records))
                {
                    ready.Enqueue(unit);
                }
            }

            while (ready.Count > 0 && inflight.Count < window)
            {
                await gate.WaitAsync(stoppingToken).ConfigureAwait(false);
                var unit = ready.Dequeue();
                inflight.Enqueue((unit, client.PublishAsync(unit.Message, stoppingToken)));
            }

            if (inflight.Count == 0)
            {
                await Task.WhenAny(queue.WaitForDataAsync(IdleWait, stoppingToken), lost).ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
                continue;
            }

            var (head, ack) = inflight.Peek();
            var result = await ack.ConfigureAwait(false);
            inflight.Dequeue();
            Settle(head, result);
        }
    }

    private async Task HandleCommandAsync(byte[] payload, CancellationToken stoppingToken)
    {
        try
        {
            await commands.HandleAsync(payload, stoppingToken).ConfigureAwait(false);
        }
        catch (QueueUnavailableException ex)
        {
            // Not acknowledged to the broker either: the persistent session delivers the command again.
            logger.LogWarning("A command could not be acknowledged now: {Reason}", ex.Message);
            throw;
        }
    }

    /// <summary>Acknowledged records leave the queue; a permanent refusal too (sending it again cannot succeed), loudly.</summary>
    private void Settle(Outgoing unit, MqttClientPublishResult result)
    {
        switch (result.ReasonCode)
        {
            case MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers:
                Acknowledge(unit);
                status.Acknowledged(time.GetUtcNow(), refused: false);
                break;
            case MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid
                or MqttClientPublishReasonCode.PayloadFormatInvalid:
                Acknowledge(unit);
                status.Acknowledged(time.GetUtcNow(), refused: true);
                alerts.Raise(LogLevel.Error, Source,
                    $"the broker refused {unit.Message.Topic} ({unit.Records.Count} queued records from seq {unit.Records[0].Seq}): " +
                    $"{result.ReasonCode} {result.ReasonString}; given up, sending it again cannot succeed");
                break;
            default:
                throw new BrokerBusyException($"the broker answered {result.ReasonCode} {result.ReasonString}");
        }
    }

    private void Acknowledge(Outgoing unit)
    {
        foreach (var record in unit.Records)
        {
            queue.Acknowledge(record);
        }
    }

    private async Task PublishPresenceAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var payload = Presence.Online(registry.All(), time.GetUtcNow(), time.LocalTimeZone);
        await client.PublishAsync(Retained(payload), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>On shutdown the site says it is offline itself, then disconnects cleanly (which suppresses the will).</summary>
    private async Task SayGoodbyeAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(GoodbyeTimeout);
        try
        {
            await client.PublishAsync(Retained(Presence.Offline), timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Saying goodbye to the broker failed; the will says offline instead");
        }
    }

    private MqttApplicationMessage Retained(byte[] payload) => new()
    {
        Topic = EdgeTopics.Agent(_options.SiteId),
        Payload = new ReadOnlySequence<byte>(payload),
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        Retain = true,
    };

    private void ReportFailure(string reason, int failuresSoFar)
    {
        status.Failed(reason);
        if (failuresSoFar == 0)
        {
            alerts.Raise(LogLevel.Warning, Source,
                $"cannot reach the broker at {_broker} (Edge:Mqtt:Host, Edge:Mqtt:Port): {reason}; readings are kept in the queue and sent once it answers; retrying with backoff");
        }
        else if (failuresSoFar % 20 == 0)
        {
            logger.LogInformation("Still cannot reach {Broker} after {Attempts} attempts: {Reason}", _broker, failuresSoFar + 1, reason);
        }
        else
        {
            logger.LogDebug("Cannot reach {Broker}: {Reason}", _broker, reason);
        }
    }

    private void ReportLoss(string reason)
    {
        status.Disconnected(time.GetUtcNow(), reason);
        alerts.Raise(LogLevel.Warning, Source, $"lost the connection to {_broker}: {reason}; readings are kept in the queue until it is back");
    }

    private static string Describe(Exception ex)
    {
        var root = ex.GetBaseException();
        return root == ex ? ex.Message : $"{ex.Message} ({root.Message})";
    }
}
