using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommandCenter.Bench;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Testing;
using Microsoft.Playwright;
using MQTTnet;
using MQTTnet.Protocol;

// Dashboard benchmark: how long from an MQTT publish to the marker's new colour in a wall browser,
// while the province simulation (≈ 400 sites) runs. Mosquitto, a server process, headless Chromium.
//   dotnet run -c Release --project bench/CommandCenter.Dashboard.Bench -- [probes] [scale]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var probes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var scale = args.Length > 1 ? args[1] : "Province";
const string ProbeSite = "43010299";

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
await using var broker = await LocalMosquitto.StartAsync("max_queued_messages 200000", "max_inflight_messages 1000");
await using var server = await ServerProcess.StartAsync(broker.Port, 1, $"--Simulation:Mode={scale}", "--Simulation:AgentDropoutsPerHour=0");

using var mqtt = new MqttClientFactory().CreateMqttClient();
await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId($"site-{ProbeSite}")
    .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
var sequence = 0;
Task Publish(string topic, string json) => mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
    .WithPayload(Encoding.UTF8.GetBytes(json)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
Task Jammer(bool fault)
{
    var faultJson = fault ? "\"bench\"" : "null";
    var data = $$"""{"on":true,"fault":{{faultJson}}}""";
    return Publish(EdgeTopics.DeviceStatus(ProbeSite, "probe-j"),
        $$"""{"msgId":"probe-{{++sequence}}-{{Guid.NewGuid():N}}","ts":"{{Identifiers.FormatTimestamp(DateTimeOffset.UtcNow)}}","kind":"jammer","room":"001","data":{{data}}}""");
}
await Publish(EdgeTopics.Agent(ProbeSite), $$"""{"state":"online","agentVersion":"bench","ts":"{{Identifiers.FormatTimestamp(DateTimeOffset.UtcNow)}}","devices":[{"id":"probe-j","kind":"jammer","room":"001"}]}""");
await Jammer(fault: false);

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
await page.GotoAsync(new Uri(server.Url, "/?mode=wall").ToString());
await page.FillAsync("input[name=userName]", "bench");
await page.FillAsync("input[name=password]", ServerProcess.Password);
await page.ClickAsync("button[type=submit]");
var minimum = scale == "Province" ? 380 : 100;
await page.WaitForFunctionAsync($"() => Number(document.querySelector('.cc-map')?.dataset.sites) >= {minimum}", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
await page.WaitForFunctionAsync($"() => document.querySelector('.cc-map').ccMap.statusOf('{ProbeSite}') === 'ok'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
Console.WriteLine($"map shows {await page.GetAttributeAsync(".cc-map", "data-sites")} sites; measuring {probes} colour changes");

var latencies = new List<double>();
var cpuBefore = server.CpuSeconds();
var clock = Stopwatch.StartNew();
for (var i = 0; i < probes; i++)
{
    var fault = i % 2 == 0;
    var expected = fault ? "alarm" : "ok";
    var started = Stopwatch.GetTimestamp();
    await Jammer(fault);
    // Checked on every animation frame: the moment the browser has painted the new colour.
    await page.WaitForFunctionAsync($"() => document.querySelector('.cc-map').ccMap.statusOf('{ProbeSite}') === '{expected}'",
        null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = null });
    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    await Task.Delay(TimeSpan.FromMilliseconds(700 + Random.Shared.Next(600)));
}

latencies.Sort();
var cpu = (server.CpuSeconds() - cpuBefore) / clock.Elapsed.TotalSeconds;
Console.WriteLine($"publish → marker colour ({latencies.Count} changes, {scale} simulation): p50 {Percentiles.Of(latencies, 50):0} ms, p95 {Percentiles.Of(latencies, 95):0} ms, max {latencies[^1]:0} ms");
Console.WriteLine($"server: {cpu * 100:0} % of one core, RSS {server.MemoryMiB():0} MiB");
return 0;
