using System.Diagnostics;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

/// <summary>MQTT in (MQTTnet and mosquitto_pub), HTTP API and SignalR out, on the embedded default.</summary>
public sealed class EndToEndTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task a_jammer_fault_published_with_mqttnet_reaches_the_api_and_a_signalr_client()
    {
        const string site = "43010201";
        await using var agent = await SiteClient.ConnectAsync(Server.MqttPort, site);
        await agent.Announce(("r015-jammer", "jammer", "015"), ("r015-clock", "clock", "015"));
        await agent.Batch(("r015-jammer", "jammer", "015", """{"on":true,"fault":null}"""),
            ("r015-clock", "clock", "015", """{"offsetMs":8,"synced":true,"source":"bds"}"""));
        await Poll.Until(() => Server.GetJson($"/api/v1/sites/{site}"), s => s.GetProperty("counts").GetProperty("devicesOk").GetInt32() == 2, Soon);

        await using var watcher = await SituationWatcher.ConnectAsync(Server);
        var snapshot = await watcher.SubscribeSite(site);
        Assert.True(snapshot.GetProperty("online").GetBoolean());

        await agent.Event("r015-jammer", "jammer", "015", """{"type":"fault","detail":"antenna"}""");
        var pushed = await watcher.WaitForDevice(site, d => d.GetProperty("id").GetString() == "r015-jammer" && d.GetProperty("state").GetString() == "fault", Soon);
        Assert.Equal("jammer", pushed.GetProperty("kind").GetString());

        var detail = await Server.GetJson($"/api/v1/sites/{site}");
        var jammer = detail.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "r015-jammer");
        Assert.Equal("fault", jammer.GetProperty("state").GetString());
        Assert.Equal("015", jammer.GetProperty("room").GetString());
        Assert.True(jammer.GetProperty("data").GetProperty("on").GetBoolean());
        Assert.True(jammer.GetProperty("lastSeen").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal("芙蓉区", detail.GetProperty("countyName").GetString());
    }

    [Fact]
    public async Task a_status_published_with_mosquitto_pub_reaches_the_api()
    {
        const string site = "43010501";
        var json = $$$"""{"msgId":"mp-1","ts":"{{{SiteClient.Now()}}}","kind":"clock","room":"003","data":{"offsetMs":-42,"synced":true,"source":"ntp"}}""";
        await MosquittoPub(Server.MqttPort, $"site-{site}", $"cc/v1/site/{site}/device/r003-clock/status", json);

        var detail = await Poll.Until(() => Server.GetJson($"/api/v1/sites/{site}"), s => s.ValueKind == JsonValueKind.Object, Soon);
        var clock = detail.GetProperty("devices").EnumerateArray().Single();
        Assert.Equal(("r003-clock", "ok", -42), (clock.GetProperty("id").GetString(), clock.GetProperty("state").GetString(),
            clock.GetProperty("data").GetProperty("offsetMs").GetInt32()));
    }

    [Fact]
    public async Task the_will_marks_a_site_offline_within_a_second()
    {
        const string site = "43010301";
        var agent = await SiteClient.ConnectAsync(Server.MqttPort, site);
        await agent.Announce(("r001-clock", "clock", "001"));
        await Poll.Until(() => Server.GetJson($"/api/v1/sites/{site}"), s => s.ValueKind == JsonValueKind.Object && s.GetProperty("online").GetBoolean(), Soon);

        var dropped = Stopwatch.StartNew();
        await agent.DropWithWill();
        var detail = await Poll.Until(() => Server.GetJson($"/api/v1/sites/{site}"), s => !s.GetProperty("online").GetBoolean(), Soon);
        dropped.Stop();
        Assert.False(detail.GetProperty("online").GetBoolean());
        Assert.True(dropped.Elapsed < TimeSpan.FromSeconds(1), $"offline after {dropped.Elapsed.TotalMilliseconds:0} ms");
        await agent.DisposeAsync();
    }

    [Fact]
    public async Task a_device_that_misses_its_intervals_goes_offline()
    {
        const string site = "43010401";
        await using var agent = await SiteClient.ConnectAsync(Server.MqttPort, site);
        await agent.Status("r002-cam", "camera", "002", """{"online":true,"recording":true,"fps":25}""");
        await Poll.Until(() => Server.GetJson($"/api/v1/sites/{site}"), s => s.ValueKind == JsonValueKind.Object, Soon);

        // Interval 1 s, 2 missed intervals: offline within about 3 s of silence.
        var detail = await Poll.Until(() => Server.GetJson($"/api/v1/sites/{site}"),
            s => s.GetProperty("devices")[0].GetProperty("state").GetString() == "offline", TimeSpan.FromSeconds(15));
        Assert.Equal("offline", detail.GetProperty("devices")[0].GetProperty("state").GetString());
        Assert.Equal(1, detail.GetProperty("counts").GetProperty("devicesOffline").GetInt32());
    }

    [Fact]
    public async Task duplicates_are_counted_and_have_no_effect()
    {
        const string site = "43011101";
        await using var agent = await SiteClient.ConnectAsync(Server.MqttPort, site);
        for (var i = 0; i < 3; i++)
        {
            await agent.Event("r001-id", "id_reader", "001", """{"type":"verify","ticket":"26430111001001","result":"match","score":0.99}""", msgId: "same-id");
        }

        await agent.Event("r001-id", "id_reader", "001", """{"type":"verify","ticket":"26430111001002","result":"mismatch","score":0.2}""");
        var detail = await Poll.Until(() => Server.GetJson($"/api/v1/sites/{site}"),
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("counts").GetProperty("idRejected").GetInt32() == 1, Soon);
        Assert.Equal(1, detail.GetProperty("counts").GetProperty("candidatesVerified").GetInt32());

        var stats = await Server.GetJson("/api/v1/ingest/stats");
        Assert.True(stats.GetProperty("duplicates").GetInt64() >= 2);
    }

    [Fact]
    public async Task the_situation_lists_every_city_and_regions_drill_down()
    {
        var situation = await Server.GetJson("/api/v1/situation");
        Assert.Equal("43", situation.GetProperty("code").GetString());
        Assert.Equal(14, situation.GetProperty("children").GetArrayLength());

        var city = await Server.GetJson("/api/v1/regions/430100");
        Assert.Equal("长沙市", city.GetProperty("name").GetString());
        Assert.Equal("city", city.GetProperty("level").GetString());
        Assert.Contains(city.GetProperty("children").EnumerateArray(), c => c.GetProperty("name").GetString() == "芙蓉区");

        using var missing = await Server.Http.GetAsync("/api/v1/regions/999999");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        using var site = await Server.Http.GetAsync("/api/v1/sites/43999999");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, site.StatusCode);
    }

    [Fact]
    public async Task a_region_subscriber_gets_at_most_a_few_pushes_a_second()
    {
        const string site = "43012101";
        await using var watcher = await SituationWatcher.ConnectAsync(Server);
        await watcher.SubscribeRegion("430121");
        await using var agent = await SiteClient.ConnectAsync(Server.MqttPort, site);

        var started = DateTime.UtcNow;
        for (var i = 0; i < 200; i++)
        {
            await agent.Status($"r{i % 20 + 1:000}-clock", "clock", $"{i % 20 + 1:000}", $$$"""{"offsetMs":{{{i}}},"synced":true,"source":"bds"}""");
            await Task.Delay(10);
        }

        await Task.Delay(600);
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        var pushes = watcher.Pushes.Count;
        Assert.True(pushes >= 1, "no push at all");
        Assert.True(pushes <= (seconds * 4) + 2, $"{pushes} pushes in {seconds:0.0} s");
        var last = watcher.Pushes.Last().Changes.GetProperty("regions")[0];
        Assert.Equal("430121", last.GetProperty("code").GetString());
    }

    internal static async Task MosquittoPub(int port, string clientId, string topic, string message)
    {
        var info = new ProcessStartInfo("mosquitto_pub")
        {
            ArgumentList = { "-h", "127.0.0.1", "-p", port.ToString(), "-i", clientId, "-q", "1", "-t", topic, "-m", message },
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto_pub did not start");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(process.ExitCode == 0, "mosquitto_pub failed: " + await process.StandardError.ReadToEndAsync());
    }
}
