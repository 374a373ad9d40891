using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Hosting;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Server.Ingest;

/// <summary>
/// One MQTT ingest connection: a persistent session (clean start off) subscribed to every site's
/// topics with QoS 1, each message acknowledged only once its grains took it. Reconnects with
/// capped backoff. A stand-in (a dead silo's session taken over) ends when its owner comes back.
/// </summary>
public sealed class IngestConnection(
    IngestPipeline pipeline,
    IngestReadiness readiness,
    IOptions<MqttOptions> options,
    TimeProvider time,
    ILogger<IngestConnection> logger)
{
    public async Task RunAsync(string clientId, bool standIn, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var delay = settings.ReconnectDelay;
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            var ack = new DeliveryAck(() => e.AcknowledgeAsync(CancellationToken.None));
            return pipeline.Enqueue(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, ack, stoppingToken).AsTask();
        };

        while (!stoppingToken.IsCancellationRequested)
        {
            var disconnected = new TaskCompletionSource<MqttClientDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            Task OnDisconnected(MqttClientDisconnectedEventArgs e)
            {
                disconnected.TrySetResult(e.Reason);
                return Task.CompletedTask;
            }

            client.DisconnectedAsync += OnDisconnected;
            var subscribed = false;
            try
            {
                await client.ConnectAsync(ClientOptions(settings, clientId), stoppingToken);
                var filter = settings.SubscriptionFilter(EdgeTopics.AllSites);
                var subscribe = new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                    .Build();
                await client.SubscribeAsync(subscribe, stoppingToken);
                subscribed = true;
                if (!standIn)
                {
                    readiness.Connected();
                }

                logger.LogInformation("Ingest {ClientId} subscribed to {Filter} on {Host}:{Port}", clientId, filter, settings.Host, settings.Port);
                delay = settings.ReconnectDelay;
                var reason = await disconnected.Task.WaitAsync(stoppingToken);
                if (!standIn)
                {
                    readiness.Lost("connection to the broker lost");
                }

                if (standIn && reason == MqttClientDisconnectReason.SessionTakenOver)
                {
                    logger.LogInformation("Ingest session {ClientId} is back with its own silo; stand-in ends", clientId);
                    return;
                }

                logger.LogWarning("Ingest {ClientId} lost its broker connection ({Reason}); reconnecting", clientId, reason);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                if (subscribed && !standIn)
                {
                    readiness.Lost("stopping");
                }

                break;
            }
            catch (Exception ex)
            {
                if (!standIn)
                {
                    readiness.Failed(ex.Message);
                }

                logger.LogWarning("Ingest {ClientId} cannot reach the broker at {Host}:{Port} ({Error}); retrying in {Delay}",
                    clientId, settings.Host, settings.Port, ex.Message, delay);
            }
            finally
            {
                client.DisconnectedAsync -= OnDisconnected;
            }

            await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxReconnectDelay.Ticks));
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync();
        }
    }

    internal static MqttClientOptions ClientOptions(MqttOptions settings, string clientId)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(settings.SessionExpirySeconds)
            .WithReceiveMaximum(settings.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        if (!string.IsNullOrEmpty(settings.User))
        {
            builder.WithCredentials(settings.User, settings.Password);
        }

        if (settings.UseTls)
        {
            builder.WithTlsOptions(o => MqttTls.Configure(o, settings));
        }

        return builder.Build();
    }
}
