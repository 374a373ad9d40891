using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommandCenter.Abstractions;
using CommandCenter.Server.History;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

/// <summary>
/// dashboards/: every Grafana dashboard parses, uses only the provisioned datasources, and asks for
/// measurements, fields and metrics the server really produces.
/// </summary>
public sealed partial class DashboardFilesTests
{
    private static readonly string Root = Path.Combine(Repo(), "dashboards");

    public static TheoryData<string> Dashboards() => [.. Directory.GetFiles(Path.Combine(Root, "grafana"), "*.json").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void a_dashboard_uses_provisioned_datasources_and_known_series(string file)
    {
        var provisioned = UidPattern().Matches(File.ReadAllText(Path.Combine(Root, "provisioning", "datasources", "command-center.yaml")))
            .Select(m => m.Groups[1].Value).ToHashSet();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "grafana", file)));
        Assert.False(string.IsNullOrEmpty(dashboard.RootElement.GetProperty("uid").GetString()));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.NotEmpty(panels);

        var rollupLine = new StringBuilder();
        HistoryPoints.Rollup("43", "province", default(Tally), DateTimeOffset.UnixEpoch).AppendTo(rollupLine);
        foreach (var target in panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()))
        {
            var uid = target.GetProperty("datasource").GetProperty("uid").GetString()!;
            Assert.Contains(uid, provisioned);
            if (target.TryGetProperty("query", out var query))
            {
                var text = query.GetString()!;
                Assert.Matches($"\"({HistoryPoints.RollupMeasurement}|{HistoryPoints.StateMeasurement}|{HistoryPoints.EventMeasurement})\"", text);
                foreach (Match field in FieldPattern().Matches(text).Where(m => text.Contains(HistoryPoints.RollupMeasurement, StringComparison.Ordinal)))
                {
                    Assert.Contains(field.Groups[1].Value + "=", rollupLine.ToString(), StringComparison.Ordinal);
                }
            }
            else
            {
                Assert.Matches("cc_[a-z_]+", target.GetProperty("expr").GetString()!);
            }
        }
    }

    [Fact]
    public async Task the_ingest_metrics_the_dashboards_ask_for_are_exported()
    {
        var wanted = Directory.GetFiles(Path.Combine(Root, "grafana"), "*.json")
            .SelectMany(f => MetricPattern().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .Where(m => m.StartsWith("cc_ingest_", StringComparison.Ordinal))
            .ToHashSet();
        Assert.NotEmpty(wanted);
        await using var server = await RunningServer.StartAsync();
        await using var agent = await SiteClient.ConnectAsync(server.MqttPort, "43012301");
        await agent.Announce(("r001-clock", "clock", "001"));
        await agent.Status("r001-clock", "clock", "001", """{"offsetMs":1,"synced":true,"source":"ntp"}""");
        await agent.Event("r001-clock", "clock", "001", """{"type":"stopped"}""");
        await agent.Event("r001-clock", "clock", "001", """{"type":"stopped"}""", msgId: "same-twice");
        await agent.Event("r001-clock", "clock", "001", """{"type":"stopped"}""", msgId: "same-twice");
        await agent.Publish("cc/v1/site/43012301/report", "not json");
        var metrics = await Poll.Until(() => server.Anonymous.GetStringAsync("/metrics"),
            m => wanted.All(w => m.Contains(w, StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
        Assert.All(wanted, w => Assert.Contains(w, metrics, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"uid:\s*(\S+)")]
    private static partial Regex UidPattern();

    [GeneratedRegex("last\\(\"([a-z_]+)\"\\)")]
    private static partial Regex FieldPattern();

    [GeneratedRegex("cc_[a-z_]+")]
    private static partial Regex MetricPattern();

    private static string Repo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
