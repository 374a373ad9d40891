using CommandCenter.Regions;
using CommandCenter.Server.Tests.Harness;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Server.Tests.Cluster;

/// <summary>
/// Site agents publishing identity checks with QoS 1, each with a new ticket. The broker's PUBACK
/// makes a check "accepted": from then on the command center must count it exactly once. A
/// mismatch adds to a plain counter, so a duplicate that slipped through would show.
/// </summary>
public sealed class IdCheckLoad : IAsyncDisposable
{
    private readonly List<IMqttClient> _clients = [];
    private readonly List<string> _sites = [];
    private long _matches;
    private long _mismatches;
    private long _failures;

    public long Matches => Interlocked.Read(ref _matches);

    public long Mismatches => Interlocked.Read(ref _mismatches);

    /// <summary>Publishes the broker did not acknowledge (not accepted, so not owed).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public IReadOnlyList<string> Sites => _sites;

    public static async Task<IdCheckLoad> ConnectAsync(int brokerPort, int sites)
    {
        var load = new IdCheckLoad();
        foreach (var county in RegionCatalog.Hunan.Counties.Take(sites))
        {
            var siteId = county.Code + "01";
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", brokerPort)
                .WithClientId($"site-{siteId}")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .Build());
            load._clients.Add(client);
            load._sites.Add(siteId);
        }

        return load;
    }

    /// <summary>Sends about <paramref name="perSecond"/> checks a second over all sites until cancelled.</summary>
    public async Task RunAsync(int perSecond, CancellationToken cancellationToken)
    {
        var perSite = Math.Max(1, perSecond / _clients.Count);
        await Task.WhenAll(_clients.Select((c, i) => RunSite(c, _sites[i], perSite, cancellationToken)));
    }

    private async Task RunSite(IMqttClient client, string siteId, int perSecond, CancellationToken cancellationToken)
    {
        var seq = 0;
        var period = TimeSpan.FromSeconds(1.0 / perSecond);
        while (!cancellationToken.IsCancellationRequested)
        {
            seq++;
            var room = (seq % 4 + 1).ToString("000");
            var match = seq % 4 != 0;
            var ticket = $"T{siteId}{seq:D6}";
            var result = match ? "match" : "mismatch";
            var json = $$$"""{"msgId":"chk-{{{siteId}}}-{{{seq}}}","ts":"{{{SiteClient.Now()}}}","kind":"id_reader","room":"{{{room}}}","data":{"type":"verify","ticket":"{{{ticket}}}","result":"{{{result}}}","score":0.9}}""";
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"cc/v1/site/{siteId}/device/r{room}-id/event")
                .WithPayload(json)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            try
            {
                var published = await client.PublishAsync(message, CancellationToken.None);
                if (published.IsSuccess)
                {
                    Interlocked.Increment(ref match ? ref _matches : ref _mismatches);
                }
                else
                {
                    Interlocked.Increment(ref _failures);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref _failures);
            }

            try
            {
                await Task.Delay(period, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync();
            }

            client.Dispose();
        }
    }
}
