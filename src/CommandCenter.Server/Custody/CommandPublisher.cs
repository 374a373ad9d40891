using System.Text;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Broker;
using CommandCenter.Server.Hosting;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Server.Custody;

/// <summary>
/// Publishes center → site commands on <c>cc/v1/site/{siteId}/command</c> (QoS 1) over this silo's own MQTT
/// connection, opened on first use and reopened when lost. Not a site client, so the embedded broker lets it
/// publish commands; with Mosquitto its account needs write access to the command topics.
/// </summary>
public sealed class CommandPublisher(IOptions<MqttOptions> options, EmbeddedBrokerReady brokerReady, ILogger<CommandPublisher> logger)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IMqttClient? _client;

    public async Task Publish(string siteId, string json, CancellationToken cancellationToken)
    {
        var client = await Connected(cancellationToken);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(EdgeTopics.Command(siteId))
            .WithPayload(Encoding.UTF8.GetBytes(json))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.PublishAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            await _client.DisconnectAsync();
        }

        _client?.Dispose();
        _gate.Dispose();
    }

    private async Task<IMqttClient> Connected(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_client is { IsConnected: true })
            {
                return _client;
            }

            await brokerReady.WaitAsync(cancellationToken);
            _client?.Dispose();
            var settings = options.Value;
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(settings.Host, settings.Port)
                .WithClientId($"{settings.ClientId}-commands")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
            if (!string.IsNullOrEmpty(settings.User))
            {
                builder.WithCredentials(settings.User, settings.Password);
            }

            if (settings.UseTls)
            {
                builder.WithTlsOptions(o => o.UseTls());
            }

            _client = new MqttClientFactory().CreateMqttClient();
            await _client.ConnectAsync(builder.Build(), cancellationToken);
            logger.LogInformation("Command publisher connected to {Host}:{Port}", settings.Host, settings.Port);
            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }
}
