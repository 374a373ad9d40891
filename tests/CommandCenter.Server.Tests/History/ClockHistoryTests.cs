using System.Net;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests.History;

/// <summary>
/// Clock offsets as a time series: every site rolls up its clocks once per roll-up interval into
/// InfluxDB (the test command's, CC_TEST_INFLUX_URL, else one of the test's own), and the history
/// API returns that series to accounts in scope.
/// </summary>
public sealed class ClockHistoryTests
{
    private const string Site = "43012102";

    [Fact]
    public async Task clock_offsets_are_rolled_up_per_site_and_clock_and_the_history_api_returns_the_series()
    {
        await using var own = Environment.GetEnvironmentVariable("CC_TEST_INFLUX_URL") is { Length: > 0 } ? null : await LocalInflux.StartAsync();
        var url = own?.Url ?? Environment.GetEnvironmentVariable("CC_TEST_INFLUX_URL")!;
        await using var server = await RunningServer.StartAsync(
            $"--Influx:Url={url}", $"--Influx:Database=t{Guid.NewGuid():N}", "--Influx:FlushInterval=00:00:00.200",
            "--Influx:RollupInterval=00:00:01", "--Ingest:StatusInterval=00:00:01");
        await using var agent = await SiteClient.ConnectAsync(server.MqttPort, Site);
        await agent.Announce(("r001-clock", "clock", "001"), ("r002-clock", "clock", "002"));
        using var reporting = new CancellationTokenSource();
        var offsets = new[] { 120, -480 };
        var sending = Task.Run(async () =>
        {
            // Statuses keep coming as from a real agent, so neither clock goes offline (offline clocks are left out of the roll-up).
            while (!reporting.IsCancellationRequested)
            {
                await agent.Status("r001-clock", "clock", "001", $$"""{"offsetMs":{{offsets[0]}},"synced":true,"source":"ntp"}""");
                await agent.Status("r002-clock", "clock", "002", $$"""{"offsetMs":{{offsets[1]}},"synced":true,"source":"ntp"}""");
                await Task.Delay(250);
            }
        });

        try
        {
            var first = await RollupWith(server, maxAbs: 480, mean: -180);
            Assert.Equal(2, first.GetProperty("clocks").GetInt32());
            Assert.Equal(2, first.GetProperty("devices_ok").GetInt32());

            offsets[1] = -900;
            var drifted = await RollupWith(server, maxAbs: 900, mean: -390);
            Assert.True(drifted.GetProperty("time").GetDateTimeOffset() > first.GetProperty("time").GetDateTimeOffset());

            var clocks = await server.GetJson($"/api/v1/history/sites/{Site}/clocks?from={Since()}");
            var perClock = clocks.GetProperty("rows").EnumerateArray()
                .GroupBy(r => r.GetProperty("room").GetString()!)
                .ToDictionary(g => g.Key, g => g.Select(r => r.GetProperty("offset_ms").GetInt32()).ToList());
            Assert.All(perClock["001"], o => Assert.Equal(120, o));
            Assert.Contains(-480, perClock["002"]);
            Assert.Contains(-900, perClock["002"]);
            Assert.Equal(-900, perClock["002"][^1]);
        }
        finally
        {
            await reporting.CancelAsync();
            await sending;
        }

        var other = await server.CreateAccount("county-clocks", "county_operator", new { region = "430102", sites = Array.Empty<string>(), cameras = Array.Empty<string>() });
        using var outside = await server.ClientWith(other).GetAsync($"/api/v1/history/sites/{Site}/rollups");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }

    private static async Task<JsonElement> RollupWith(RunningServer server, int maxAbs, double mean)
    {
        bool Matches(JsonElement row) =>
            row.TryGetProperty("clock_offset_max_abs_ms", out var max) && max.ValueKind == JsonValueKind.Number && max.GetInt32() == maxAbs
            && Math.Abs(row.GetProperty("clock_offset_mean_ms").GetDouble() - mean) < 0.01;
        var result = await Poll.Until(() => server.GetJson($"/api/v1/history/sites/{Site}/rollups?from={Since()}"),
            r => r.ValueKind == JsonValueKind.Object && r.GetProperty("rows").EnumerateArray().Any(Matches), TimeSpan.FromSeconds(30));
        Assert.True(result.ValueKind == JsonValueKind.Object, "no history answer");
        return result.GetProperty("rows").EnumerateArray().Last(Matches);
    }

    private static string Since() => Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
}
