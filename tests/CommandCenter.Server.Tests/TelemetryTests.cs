using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task metrics_are_scraped_anonymously_with_ingest_and_push_meters()
    {
        await using var server = await RunningServer.StartAsync();
        await using var agent = await SiteClient.ConnectAsync(server.MqttPort, "43012201");
        await agent.Announce(("r001-clock", "clock", "001"));
        await Poll.Until(() => server.Anonymous.GetStringAsync("/metrics"), m => m.Contains("cc_ingest_messages", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var metrics = await server.Anonymous.GetStringAsync("/metrics");
        Assert.Contains("cc_ingest_messages", metrics, StringComparison.Ordinal);
    }
}
