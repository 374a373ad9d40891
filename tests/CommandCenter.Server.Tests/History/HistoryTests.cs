using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;
using Xunit.Abstractions;

namespace CommandCenter.Server.Tests.History;

/// <summary>InfluxDB history against a real InfluxDB 1.x: written, read back in scope, and caught up after an outage.</summary>
public sealed class HistoryTests(ITestOutputHelper output)
{
    // The scenario is a 60 s outage; CC_TEST_INFLUX_OUTAGE_SECONDS shortens it for a quick local run.
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("CC_TEST_INFLUX_OUTAGE_SECONDS"), out var s) ? s : 60);

    [Fact]
    public async Task influx_away_for_a_minute_history_catches_up_without_loss_and_the_live_view_never_waits()
    {
        await using var influx = await LocalInflux.StartAsync();
        await using var server = await RunningServer.StartAsync(
            $"--Influx:Url={influx.Url}", $"--Influx:Database=t{Guid.NewGuid():N}",
            "--Influx:FlushInterval=00:00:00.200", "--Influx:MaxRetryDelay=00:00:02");
        const string site = "43012101";
        await using var agent = await SiteClient.ConnectAsync(server.MqttPort, site);
        await agent.Announce(("r001-id", "id_reader", "001"));

        var sent = 0;
        async Task SendCheck()
        {
            sent++;
            await agent.Event("r001-id", "id_reader", "001", $$"""{"type":"verify","ticket":"H{{sent}}","result":"match","score":0.9}""");
        }

        await SendCheck();
        await EventsInHistory(server, site, 1, TimeSpan.FromSeconds(15));

        await influx.Stop();
        var outage = Stopwatch.StartNew();
        while (outage.Elapsed < Outage)
        {
            await SendCheck();
            var expected = $"match H{sent}";
            var live = Stopwatch.StartNew();
            var detail = await Poll.Until(() => server.GetJson($"/api/v1/sites/{site}"),
                d => d.GetProperty("recentEvents").EnumerateArray().Any(e => e.GetProperty("detail").GetString() == expected), TimeSpan.FromSeconds(5));
            Assert.True(live.Elapsed < TimeSpan.FromSeconds(5), $"the live view waited {live.Elapsed} for {expected}");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var health = await server.GetJson("/readyz");
        Assert.StartsWith("retrying", health.GetProperty("influx").GetString());
        await influx.Restart();
        var back = Stopwatch.StartNew();
        var rows = await EventsInHistory(server, site, sent, TimeSpan.FromSeconds(30));
        output.WriteLine($"{sent} events, {Outage.TotalSeconds} s outage; history complete {back.Elapsed.TotalSeconds:F1} s after InfluxDB came back");
        Assert.Equal(Enumerable.Range(1, sent).Select(i => $"match H{i}"), rows.Select(r => r.GetProperty("detail").GetString()!).OrderBy(d => int.Parse(d[7..])));
    }

    [Fact]
    public async Task history_is_scope_checked_and_off_without_an_influx_url()
    {
        await using var server = await RunningServer.StartAsync();
        using var off = await server.Http.GetAsync("/api/v1/history/regions/43");
        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);

        var county = await server.CreateAccount("county-hist", "county_operator", new { region = "430121", sites = Array.Empty<string>(), cameras = Array.Empty<string>() });
        using var outside = await server.ClientWith(county).GetAsync("/api/v1/history/sites/43020201/events");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }

    [Fact]
    public async Task an_influx_nobody_answers_fails_the_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync($"--Influx:Url=http://127.0.0.1:{CommandCenter.Testing.FreePorts.Next()}"));
        Assert.Contains("Influx:Url", error.Message);
    }

    private static async Task<List<JsonElement>> EventsInHistory(RunningServer server, string site, int count, TimeSpan within)
    {
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var result = await Poll.Until(() => server.GetJson($"/api/v1/history/sites/{site}/events?from={from}"),
            r => r.ValueKind == JsonValueKind.Object && r.GetProperty("rows").GetArrayLength() >= count, within);
        Assert.True(result.ValueKind == JsonValueKind.Object, "no history answer");
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(count, rows.Count);
        return rows;
    }
}
