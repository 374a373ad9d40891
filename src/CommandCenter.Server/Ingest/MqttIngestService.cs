using CommandCenter.Server.Broker;
using CommandCenter.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Ingest;

/// <summary>
/// This silo's MQTT ingest: its connections to the broker (a shared subscription with an external
/// broker, so every silo takes a part), each run by <see cref="IngestConnection"/>.
/// </summary>
public sealed class MqttIngestService(
    IngestConnection connection,
    EmbeddedBrokerReady brokerReady,
    IOptions<MqttOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await brokerReady.WaitAsync(stoppingToken);
        await Task.WhenAll(ClientIds(settings.ClientId, settings.IngestConnections)
            .Select(id => connection.RunAsync(id, standIn: false, stoppingToken)));
    }

    /// <summary>The client ids of a silo's ingest connections.</summary>
    public static IEnumerable<string> ClientIds(string clientId, int connections) =>
        connections == 1 ? [clientId] : Enumerable.Range(1, connections).Select(i => $"{clientId}-{i}");
}
