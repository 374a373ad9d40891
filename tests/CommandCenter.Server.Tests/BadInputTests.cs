using System.Text.Json;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

/// <summary>Garbage, floods and impostors are counted per site and reason; everyone else carries on.</summary>
public sealed class BadInputTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task a_garbage_flood_from_one_site_is_counted_and_does_not_stop_another()
    {
        const string noisy = "43020201";
        const string good = "43020202";
        await using var flooder = await SiteClient.ConnectAsync(Server.MqttPort, noisy);
        await using var agent = await SiteClient.ConnectAsync(Server.MqttPort, good);

        var flood = Task.Run(async () =>
        {
            for (var i = 0; i < 3000; i++)
            {
                await flooder.Publish(EdgeTopics.Batch(noisy), i % 2 == 0 ? "{not json" : """{"items":[{"msgId":"x","kind":"toaster"}]}""");
            }
        });
        await agent.Status("r001-clock", "clock", "001", """{"offsetMs":1,"synced":true,"source":"bds"}""");
        var detail = await Poll.Until(() => Server.GetJson($"/api/v1/sites/{good}"), s => s.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(5));
        Assert.Equal(1, detail.GetProperty("counts").GetProperty("devicesOk").GetInt32());
        await flood;

        var stats = await Poll.Until(() => Server.GetJson("/api/v1/ingest/stats"),
            s => WorstSite(s, noisy) is { } w && w.GetProperty("rejectedTotal").GetInt64() >= 3000, TimeSpan.FromSeconds(10));
        var worst = WorstSite(stats, noisy)!.Value;
        var reasons = worst.GetProperty("rejected");
        Assert.True(reasons.GetProperty("malformed_json").GetInt64() + reasons.GetProperty("rate_limited").GetInt64() > 0);
        Assert.Equal(0, worst.GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task a_site_cannot_publish_for_another_site()
    {
        const string impostor = "43020301";
        const string victim = "43020302";
        await using var client = await SiteClient.ConnectAsync(Server.MqttPort, victim, clientId: $"site-{impostor}");
        await client.Status("r001-jammer", "jammer", "001", """{"on":false,"fault":"spoofed"}""");

        var stats = await Poll.Until(() => Server.GetJson("/api/v1/ingest/stats"),
            s => WorstSite(s, victim) is not null, TimeSpan.FromSeconds(5));
        Assert.Equal(1, WorstSite(stats, victim)!.Value.GetProperty("rejected").GetProperty("site_mismatch").GetInt64());
        using var response = await Server.Http.GetAsync($"/api/v1/sites/{victim}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task future_timestamps_and_oversized_payloads_are_rejected_with_their_reason()
    {
        const string site = "43020401";
        await using var agent = await SiteClient.ConnectAsync(Server.MqttPort, site);
        var future = Identifiers.FormatTimestamp(DateTimeOffset.UtcNow.AddHours(2));
        await agent.Publish(EdgeTopics.DeviceStatus(site, "r001-clock"),
            $$$"""{"msgId":"f1","ts":"{{{future}}}","kind":"clock","room":"001","data":{"offsetMs":1,"synced":true,"source":"bds"}}""");
        await agent.Publish(EdgeTopics.Report(site), "{\"pad\":\"" + new string('x', 300 * 1024) + "\"}");

        var stats = await Poll.Until(() => Server.GetJson("/api/v1/ingest/stats"),
            s => WorstSite(s, site) is { } w && w.GetProperty("rejectedTotal").GetInt64() == 2, TimeSpan.FromSeconds(5));
        var reasons = WorstSite(stats, site)!.Value.GetProperty("rejected");
        Assert.Equal(1, reasons.GetProperty("future_timestamp").GetInt64());
        Assert.Equal(1, reasons.GetProperty("too_large").GetInt64());
    }

    private static JsonElement? WorstSite(JsonElement stats, string siteId) =>
        stats.GetProperty("worstSites").EnumerateArray().Where(s => s.GetProperty("siteId").GetString() == siteId).Select(s => (JsonElement?)s).FirstOrDefault();
}
