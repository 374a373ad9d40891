using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Broker;
using CommandCenter.Server.Hosting;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Server.Ingest;

/// <summary>
/// This silo's MQTT connection: subscribes to every site's topics (a shared subscription with an
/// external broker) and hands each message to the pipeline. Reconnects with capped backoff.
/// </summary>
public sealed class MqttIngestService(
    IngestPipeline pipeline,
    IngestReadiness readiness,
    EmbeddedBrokerReady brokerReady,
    IOptions<MqttOptions> options,
    TimeProvider time,
    ILogger<MqttIngestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await brokerReady.WaitAsync(stoppingToken);
        var connections = Enumerable.Range(1, settings.IngestConnections)
            .Select(i => RunConnection(settings.IngestConnections == 1 ? settings.ClientId : $"{settings.ClientId}-{i}", stoppingToken));
        await Task.WhenAll(connections);
    }

    private async Task RunConnection(string clientId, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var delay = settings.ReconnectDelay;
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => pipeline.Enqueue(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, stoppingToken).AsTask();

        while (!stoppingToken.IsCancellationRequested)
        {
            var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task OnDisconnected(MqttClientDisconnectedEventArgs _)
            {
                disconnected.TrySetResult();
                return Task.CompletedTask;
            }

            client.DisconnectedAsync += OnDisconnected;
            try
            {
                await client.ConnectAsync(ClientOptions(settings, clientId), stoppingToken);
                var filter = settings.SubscriptionFilter(EdgeTopics.AllSites);
                var subscribe = new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                    .Build();
                await client.SubscribeAsync(subscribe, stoppingToken);
                readiness.Connected();
                logger.LogInformation("Ingest {ClientId} subscribed to {Filter} on {Host}:{Port}", clientId, filter, settings.Host, settings.Port);
                delay = settings.ReconnectDelay;
                await disconnected.Task.WaitAsync(stoppingToken);
                readiness.Lost("connection to the broker lost");
                logger.LogWarning("Ingest lost its broker connection; reconnecting");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                readiness.Failed(ex.Message);
                logger.LogWarning("Ingest cannot reach the broker at {Host}:{Port} ({Error}); retrying in {Delay}",
                    settings.Host, settings.Port, ex.Message, delay);
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

    private static MqttClientOptions ClientOptions(MqttOptions settings, string clientId)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(300)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        if (!string.IsNullOrEmpty(settings.User))
        {
            builder.WithCredentials(settings.User, settings.Password);
        }

        if (settings.UseTls)
        {
            builder.WithTlsOptions(o => o.UseTls());
        }

        return builder.Build();
    }
}
