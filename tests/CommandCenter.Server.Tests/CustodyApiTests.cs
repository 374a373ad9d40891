using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Server.Tests;

/// <summary>The custody chain end to end: bags over the API and MQTT, the ledger, scope, and an A → B switch over the broker.</summary>
public sealed class CustodyApiTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private const string Site = CustodyPlan.Site;
    private const string SwitchSiteA = CustodyPlan.SwitchSiteA;
    private const string SwitchSiteB = CustodyPlan.SwitchSiteB;
    private const string SwitchSiteSilent = CustodyPlan.SwitchSiteSilent;
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task a_bag_registered_then_handed_over_by_tablet_and_by_mqtt_shows_its_state_history_and_a_verified_ledger()
    {
        await StorePlan();
        var bag = "BAG-" + Guid.NewGuid().ToString("N")[..10];
        await Register(bag);
        using var county = Server.ClientWith(await Server.CreateAccount("yuelu-" + bag[4..10].ToLowerInvariant(), "county_operator", Region("430104")));

        foreach (var action in new[] { "stored", "checked_out", "dispatched" })
        {
            using var response = await county.PostAsJsonAsync("/api/v1/custody", new { siteId = Site, bag, action, staff = new[] { "K1", "K2", "K3" } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var agent = await SiteClient.ConnectAsync(Server.MqttPort, Site);
        var received = $$"""{"msgId":"rcv-{{bag}}","ts":"{{SiteClient.Now()}}","bag":"{{bag}}","action":"received","staff":["C1","S1"],"count":30}""";
        await agent.Publish(EdgeTopics.Custody(Site), received);
        var detail = await Poll.Until(() => Server.GetJson($"/api/v1/bags/{bag}"),
            d => d.GetProperty("summary").GetProperty("state").GetString() == "received_at_site", TimeSpan.FromSeconds(10));
        Assert.Equal("received_at_site", detail.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal(4, detail.GetProperty("history").GetArrayLength());

        // The same msgId again: no effect.
        await agent.Publish(EdgeTopics.Custody(Site), received);
        await agent.Publish(EdgeTopics.Custody(Site), $$"""{"msgId":"store-{{bag}}","ts":"{{SiteClient.Now()}}","bag":"{{bag}}","action":"stored","staff":["C1"]}""");
        detail = await Poll.Until(() => Server.GetJson($"/api/v1/bags/{bag}"),
            d => d.GetProperty("summary").GetProperty("state").GetString() == "stored_at_site", TimeSpan.FromSeconds(10));
        Assert.Equal(5, detail.GetProperty("history").GetArrayLength());

        var list = await Server.GetJson($"/api/v1/bags?state=stored_at_site&region=430100");
        Assert.Contains(list.EnumerateArray(), b => b.GetProperty("bagId").GetString() == bag);
        Assert.DoesNotContain((await Server.GetJson("/api/v1/bags?state=in_transit&region=430104")).EnumerateArray(), b => b.GetProperty("bagId").GetString() == bag);

        var verify = await Server.GetJson($"/api/v1/ledger/verify?siteId={Site}");
        Assert.True(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, verify.GetProperty("brokenAt").ValueKind);

        var csv = await Server.Http.GetStringAsync($"/api/v1/ledger/export?bagId={bag}");
        Assert.Equal(6, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"tablet:yuelu-", csv, StringComparison.Ordinal);
        Assert.Contains(",mqtt,", csv.Replace("\"mqtt\"", "mqtt", StringComparison.Ordinal), StringComparison.Ordinal);

        var audit = await Server.GetJson("/api/v1/audit?action=custody");
        Assert.True(audit.EnumerateArray().Count(e => e.GetProperty("target").GetString() == bag) >= 3);
    }

    [Fact]
    public async Task bad_handovers_are_refused_with_their_reason_and_out_of_scope_callers_learn_nothing()
    {
        await StorePlan();
        var bag = "BAG-" + Guid.NewGuid().ToString("N")[..10];
        await Register(bag);
        using var county = Server.ClientWith(await Server.CreateAccount("c-" + bag[4..10].ToLowerInvariant(), "county_operator", Region("430104")));
        using var other = Server.ClientWith(await Server.CreateAccount("o-" + bag[4..10].ToLowerInvariant(), "county_operator", Region("430105")));

        using (var outOfOrder = await county.PostAsJsonAsync("/api/v1/custody", new { siteId = Site, bag, action = "opened", room = "001", staff = new[] { "S1" } }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfOrder.StatusCode);
            Assert.Equal("out_of_order", (await outOfOrder.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }

        using (var stranger = await county.PostAsJsonAsync("/api/v1/custody", new { siteId = Site, bag, action = "stored", staff = new[] { "K1", "NOBODY" } }))
        {
            Assert.Equal("staff_not_in_plan", (await stranger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }

        using (var unknown = await county.PostAsJsonAsync("/api/v1/custody", new { siteId = Site, bag = "NO-SUCH-BAG", action = "stored", staff = new[] { "K1" } }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var badInput = await county.PostAsJsonAsync("/api/v1/custody", new { siteId = Site, bag, action = "teleported", staff = new[] { "K1" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badInput.StatusCode);
        }

        using (var foreign = await other.PostAsJsonAsync("/api/v1/custody", new { siteId = Site, bag, action = "stored", staff = new[] { "K1" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        using (var peek = await other.GetAsync($"/api/v1/bags/{bag}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        }

        var detail = await Server.GetJson($"/api/v1/bags/{bag}");
        Assert.Equal("sealed", detail.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal(0, detail.GetProperty("history").GetArrayLength());
        var counters = await Server.GetJson($"/api/v1/custody/sites/{Site}");
        Assert.True(counters.GetProperty("refusals").GetProperty("out_of_order").GetInt64() >= 1);
        Assert.Contains(counters.GetProperty("recentViolations").EnumerateArray(), v => v.GetProperty("reason").GetString() == "staff_not_in_plan");
        var alarms = await Server.GetJson($"/api/v1/alarms?site={Site}");
        Assert.Contains(alarms.EnumerateArray(), a => a.GetProperty("cause").GetString() == "custody_refused");
    }

    [Fact]
    public async Task a_switch_to_set_b_reaches_every_site_and_the_one_that_never_acknowledges_is_overdue_with_an_alarm()
    {
        await StorePlan();
        await using var a = await AckingSite.Start(Server.MqttPort, SwitchSiteA);
        await using var b = await AckingSite.Start(Server.MqttPort, SwitchSiteB);
        using var cmdr = Server.ClientWith(await Server.CreateAccount("kaifu-cmdr", "county_operator", Region("430105")));

        using var ordered = await cmdr.PostAsJsonAsync("/api/v1/custody/switches",
            new { region = "430105", sessionId = "s1", subject = "语文", fromSet = "A", toSet = "B", ackTimeoutSeconds = 5 });
        Assert.Equal(HttpStatusCode.Created, ordered.StatusCode);
        var id = (await ordered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order").GetProperty("switchId").GetString();

        var view = await Poll.Until(() => Server.GetJson($"/api/v1/custody/switches/{id}"),
            v => v.GetProperty("acknowledged").GetInt32() == 2 && v.GetProperty("overdue").GetInt32() == 1, TimeSpan.FromSeconds(20));
        Assert.Equal(2, view.GetProperty("acknowledged").GetInt32());
        Assert.Equal(1, view.GetProperty("overdue").GetInt32());
        var silent = view.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("siteId").GetString() == SwitchSiteSilent);
        Assert.Equal("overdue", silent.GetProperty("state").GetString());
        Assert.Contains("\"set\":\"B\"", a.Received.Single(), StringComparison.Ordinal);

        var alarms = await Poll.Until(() => Server.GetJson($"/api/v1/alarms?site={SwitchSiteSilent}"),
            l => l.EnumerateArray().Any(x => x.GetProperty("cause").GetString() == "paper_switch_unacknowledged"), TimeSpan.FromSeconds(5));
        Assert.Contains(alarms.EnumerateArray(), x => x.GetProperty("cause").GetString() == "paper_switch_unacknowledged");
        Assert.DoesNotContain((await Server.GetJson($"/api/v1/alarms?site={SwitchSiteA}")).EnumerateArray(),
            x => x.GetProperty("cause").GetString() == "paper_switch_unacknowledged");

        using var notCommander = Server.ClientWith(await Server.CreateAccount("kaifu-chief", "site_chief", new { region = (string?)null, sites = new[] { SwitchSiteA }, cameras = Array.Empty<string>() }));
        using var refused = await notCommander.PostAsJsonAsync("/api/v1/custody/switches", new { region = "430105", toSet = "B" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task a_bag_not_in_its_room_by_the_bag_opening_time_is_missing_with_an_alarm()
    {
        await using var server = await RunningServer.StartAsync("--Custody:MissingBagCheck=00:00:01");
        await CustodyPlan.Store(server);
        var bag = "BAG-" + Guid.NewGuid().ToString("N")[..10];
        await CustodyPlan.Register(bag, server);

        // The plan's session opened its bags on 2026-06-07: this bag, still sealed, is missing.
        var alarms = await Poll.Until(() => server.GetJson($"/api/v1/alarms?site={Site}"),
            l => l.EnumerateArray().Any(a => a.GetProperty("cause").GetString() == "bag_missing"), TimeSpan.FromSeconds(15));
        var alarm = alarms.EnumerateArray().Single(a => a.GetProperty("cause").GetString() == "bag_missing");
        Assert.Contains(bag, alarm.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var missing = await server.GetJson("/api/v1/bags?missing=true&region=430104");
        Assert.Equal(bag, Assert.Single(missing.EnumerateArray()).GetProperty("bagId").GetString());
    }

    private Task Register(string bag) => CustodyPlan.Register(bag, Server);

    private Task StorePlan() => CustodyPlan.Store(Server);

    private static object Region(string code) => new { region = code, sites = Array.Empty<string>(), cameras = Array.Empty<string>() };

    /// <summary>A site agent that acknowledges every command it receives, as the edge agent does.</summary>
    private sealed class AckingSite : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

        public List<string> Received { get; } = [];

        public static async Task<AckingSite> Start(int port, string siteId)
        {
            var site = new AckingSite();
            site._client.ApplicationMessageReceivedAsync += async e =>
            {
                var json = e.ApplicationMessage.ConvertPayloadToString();
                lock (site.Received)
                {
                    site.Received.Add(json);
                }

                var msgId = JsonDocument.Parse(json).RootElement.GetProperty("msgId").GetString();
                await site._client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(EdgeTopics.CommandAck(siteId))
                    .WithPayload(Encoding.UTF8.GetBytes($$"""{"msgId":"{{msgId}}","ts":"{{SiteClient.Now()}}","ok":true,"detail":"shown"}"""))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            };
            await site._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"site-{siteId}")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
            await site._client.SubscribeAsync(EdgeTopics.Command(siteId), MqttQualityOfServiceLevel.AtLeastOnce);
            return site;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }
    }
}
