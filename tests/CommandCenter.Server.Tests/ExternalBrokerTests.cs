using System.Text.Json;
using CommandCenter.Server.Tests.Harness;
using CommandCenter.Testing;

namespace CommandCenter.Server.Tests;

/// <summary>The production broker path: a real Mosquitto, ingest on a $share subscription.</summary>
public sealed class ExternalBrokerTests : IAsyncLifetime
{
    private LocalMosquitto _broker = null!;
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _broker = await LocalMosquitto.StartAsync();
        _server = await RunningServer.StartAsync("--Mqtt:Mode=External", $"--Mqtt:Port={_broker.Port}");
    }

    public async Task DisposeAsync()
    {
        var errors = _server.LoggedErrors.ToList();
        await _server.DisposeAsync();
        await _broker.DisposeAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task statuses_and_the_will_travel_through_mosquitto_to_the_api_and_signalr()
    {
        const string site = "43062401";
        await using var agent = await SiteClient.ConnectAsync(_broker.Port, site);
        await agent.Announce(("r007-clock", "clock", "007"));
        await using var watcher = await SituationWatcher.ConnectAsync(_server);
        await Poll.Until(() => _server.GetJson($"/api/v1/sites/{site}"), s => s.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(5));
        await watcher.SubscribeSite(site);

        await EndToEndTests.MosquittoPub(_broker.Port, $"site-{site}", $"cc/v1/site/{site}/device/r007-clock/status",
            $$$"""{"msgId":"ext-1","ts":"{{{SiteClient.Now()}}}","kind":"clock","room":"007","data":{"offsetMs":4200,"synced":false,"source":"ntp"}}""");
        var pushed = await watcher.WaitForDevice(site, d => d.GetProperty("state").GetString() == "fault", TimeSpan.FromSeconds(5));
        Assert.Equal(4200, pushed.GetProperty("data").GetProperty("offsetMs").GetInt32());

        await agent.DropWithWill();
        var detail = await Poll.Until(() => _server.GetJson($"/api/v1/sites/{site}"), s => !s.GetProperty("online").GetBoolean(), TimeSpan.FromSeconds(5));
        Assert.False(detail.GetProperty("online").GetBoolean());
    }
}
