using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CommandCenter.Server.BrokerAccess;
using CommandCenter.Server.Tests.Harness;
using CommandCenter.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Server.Tests.BrokerAccess;

/// <summary>
/// Mosquitto with the generated per-site passwords and ACL, over TLS with a CA the test makes:
/// ingest and a site get through; a site's credentials open no other site's topics.
/// </summary>
public sealed class BrokerAccessTests : IAsyncLifetime
{
    private const string SiteA = "43010201";
    private const string SiteB = "43010301";
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-access-").FullName;
    private Dictionary<string, string> _passwords = [];
    private LocalMosquitto _broker = null!;

    public async Task InitializeAsync()
    {
        var sites = Path.Combine(_dir, "sites.txt");
        await File.WriteAllLinesAsync(sites, ["# two sites", SiteA, SiteB]);
        Assert.Equal(0, BrokerAccessCommand.Run(["--out", _dir, "--sites", sites, "--ingest-password", "ingest-secret"], TextWriter.Null, TextWriter.Null));
        _passwords = File.ReadAllLines(Path.Combine(_dir, "credentials.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[1], p => p[2]);
        await TestCertificates.CreateAsync(_dir);
        _broker = await LocalMosquitto.StartWithAsync((port, _) =>
        [
            "user root",
            $"listener {port} 127.0.0.1",
            $"cafile {_dir}/ca.pem", $"certfile {_dir}/server.pem", $"keyfile {_dir}/server.key",
            "allow_anonymous false", $"password_file {_dir}/passwd", $"acl_file {_dir}/acl",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ingest_over_tls_takes_a_sites_messages_and_another_sites_credentials_open_nothing()
    {
        await using var server = await RunningServer.StartAsync(
            "--Mqtt:Mode=External", $"--Mqtt:Port={_broker.Port}", "--Mqtt:UseTls=true", $"--Mqtt:CaFile={_dir}/ca.pem",
            $"--Mqtt:User={MosquittoAccess.IngestUser}", "--Mqtt:Password=ingest-secret");

        using var siteA = await Connect(MosquittoAccess.SiteUser(SiteA), _passwords[MosquittoAccess.SiteUser(SiteA)]);
        var own = await Publish(siteA, SiteA, "a-1");
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        var detail = await Poll.Until(() => server.GetJson($"/api/v1/sites/{SiteA}"), d => d.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10));
        Assert.Equal(JsonValueKind.Object, detail.ValueKind);

        // Site A's agent publishing as if it were site B: the broker refuses it.
        var foreign = await Publish(siteA, SiteB, "a-2");
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);

        // Site B's user name with site A's password: not even connected.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Connect(MosquittoAccess.SiteUser(SiteB), _passwords[MosquittoAccess.SiteUser(SiteA)]));
        Assert.Contains(nameof(MqttClientConnectResultCode.NotAuthorized), refused.Message, StringComparison.Ordinal);

        await Task.Delay(500);
        using var missing = await server.Http.GetAsync($"/api/v1/sites/{SiteB}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task without_the_ca_the_broker_certificate_is_not_trusted()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("site-x")
            .WithCredentials(MosquittoAccess.IngestUser, "ingest-secret").WithTlsOptions(o => o.UseTls()).Build();
        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(options));
        client.Dispose();
    }

    private async Task<IMqttClient> Connect(string user, string password)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_dir, "ca.pem"));
        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", _broker.Port)
                .WithClientId(user)
                .WithCredentials(user, password)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithTlsOptions(o => o.UseTls().WithTrustChain([ca]))
                .Build());
            return result.ResultCode == MqttClientConnectResultCode.Success
                ? client
                : throw new InvalidOperationException($"connect refused: {result.ResultCode}");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static Task<MqttClientPublishResult> Publish(IMqttClient client, string site, string msgId) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"cc/v1/site/{site}/device/r001-clock/status")
            .WithPayload($$$"""{"msgId":"{{{msgId}}}","ts":"{{{SiteClient.Now()}}}","kind":"clock","room":"001","data":{"offsetMs":3,"synced":true,"source":"ntp"}}""")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
}
