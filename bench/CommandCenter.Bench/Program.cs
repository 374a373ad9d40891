using Microsoft.AspNetCore.SignalR;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Bench;
using CommandCenter.Regions;
using CommandCenter.Simulator;
using CommandCenter.Simulator.Model;
using CommandCenter.Testing;

// Foundation benchmark: simulator → Mosquitto → server process (ingest → grains → hub) → SignalR client.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine($"profile: {options.Profile}, {options.Silos} silo(s); load average {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
var steps = options.Ceiling
    ? new[] { 10, 5, 3, 2, 1.5, 1.0, 0.75, 0.5, 0.35, 0.25 }.Where(s => s <= options.FromInterval).ToArray()
    : [options.StatusIntervalSeconds];
var planFile = options.InSession
    ? BenchPlan.WriteInSession(ProvinceModel.Build(RegionCatalog.Hunan, new SimulationOptions { Mode = options.Scale }))
    : null;
if (!options.CompareRules)
{
    var best = await Measure(rulesEnabled: true);
    Console.WriteLine();
    Console.WriteLine(best is null ? "no step held p99 <= 1 s" : $"highest rate held with p99 <= 1 s: {best.UpdatesPerSecond:0} device updates/s ({best.MessagesPerSecond:0} msg/s), p99 {best.P99:0} ms");
    return 0;
}

// Rules on and off, interleaved (on/off, then off/on, …) so that a drift in the machine's load falls on both alike.
var runs = new List<(bool Rules, StepResult? Best, List<StepResult> Steps)>();
for (var i = 0; i < options.Repeat; i++)
{
    foreach (var rules in i % 2 == 0 ? new[] { true, false } : [false, true])
    {
        Console.WriteLine($"--- rules {(rules ? "on" : "off")}, run {i + 1}, load average {LoadAverage()}");
        var steps0 = new List<StepResult>();
        var best = await Measure(rules, steps0);
        Console.WriteLine($"--- rules {(rules ? "on" : "off")}, run {i + 1}: {(best is null ? "no step held" : $"ceiling {best.UpdatesPerSecond:0} upd/s at {best.IntervalSeconds:0.##} s")}, load average {LoadAverage()}");
        runs.Add((rules, best, steps0));
    }
}

Console.WriteLine();
foreach (var rules in new[] { true, false })
{
    var mine = runs.Where(r => r.Rules == rules).ToList();
    Console.WriteLine($"rules {(rules ? "on " : "off")}: ceilings {string.Join(", ", mine.Select(r => r.Best is null ? "none" : $"{r.Best.UpdatesPerSecond:0}"))} upd/s; " +
        $"server CPU per accepted update {string.Join(", ", mine.SelectMany(r => r.Steps).GroupBy(s => s.IntervalSeconds).OrderByDescending(g => g.Key).Select(g => $"{g.Key:0.##} s: {g.Average(s => s.CpuMicrosPerUpdate):0.0} µs"))}");
}

var on = runs.Where(r => r.Rules).Select(r => r.Best?.UpdatesPerSecond ?? 0).Average();
var off = runs.Where(r => !r.Rules).Select(r => r.Best?.UpdatesPerSecond ?? 0).Average();
Console.WriteLine($"mean ceiling: rules on {on:0} upd/s, rules off {off:0} upd/s: the rules cut the ceiling by {(off > 0 ? 100 * (off - on) / off : double.NaN):0.0} %");
foreach (var interval in runs.SelectMany(r => r.Steps).Select(s => s.IntervalSeconds).Distinct().OrderDescending())
{
    double Cpu(bool rules) => runs.Where(r => r.Rules == rules).SelectMany(r => r.Steps).Where(s => s.IntervalSeconds == interval).Select(s => s.CpuMicrosPerUpdate).DefaultIfEmpty(double.NaN).Average();
    Console.WriteLine($"status every {interval:0.##} s: server CPU per accepted update, rules on {Cpu(true):0.0} µs, off {Cpu(false):0.0} µs ({100 * (Cpu(true) - Cpu(false)) / Cpu(false):+0.0;-0.0} %)");
}

return 0;

async Task<StepResult?> Measure(bool rulesEnabled, List<StepResult>? all = null)
{
    var results = new List<StepResult>();
    foreach (var interval in steps)
    {
        StepResult result;
        try
        {
            result = await RunStep(interval, rulesEnabled);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            // On a loaded machine the probe's SignalR handshake, its subscriptions or the server's start can fail: that step did not hold.
            Console.WriteLine($"status every {interval:0.##} s: the step failed ({e.GetType().Name}: {e.Message}) → NOT held");
            break;
        }

        results.Add(result);
        all?.Add(result);
        Console.WriteLine($"{result} (load average {LoadAverage()})");
        if (options.Ceiling && !result.Held)
        {
            break;
        }
    }

    return results.Where(r => r.Held).MaxBy(r => r.UpdatesPerSecond);
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

// Each step gets a fresh broker and server, so one step's backlog or reconnect storm cannot leak into the next.
async Task<StepResult> RunStep(double intervalSeconds, bool rulesEnabled)
{
    var interval = TimeSpan.FromSeconds(intervalSeconds).ToString("c", CultureInfo.InvariantCulture);
    string[] serverSimulation = options.SimulateInServer
        ? [$"--Simulation:Mode={options.Scale}", $"--Simulation:StatusInterval={interval}",
           $"--Simulation:IdChecksPerSecond={options.IdChecksPerSecond}", "--Simulation:AgentDropoutsPerHour=0"]
        : [];
    string[] serverArgs = [.. serverSimulation, $"--Rules:Enabled={(rulesEnabled ? "true" : "false")}", .. planFile is null ? Array.Empty<string>() : [$"--Plan:File={planFile}"]];
    await using var topology = await Topology.StartAsync(options, serverArgs);
    var server = topology.Servers[0];
    var clients = topology.Servers.Select(s =>
    {
        var client = new HttpClient { BaseAddress = s.Url };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", s.Token);
        return client;
    }).ToList();
    var simOptions = new SimulationOptions
    {
        Mode = options.Scale,
        StatusInterval = TimeSpan.FromSeconds(intervalSeconds),
        IdChecksPerSecond = options.IdChecksPerSecond,
        BrokerHost = "127.0.0.1",
        BrokerPort = topology.MqttPort,
        AgentDropoutsPerHour = 0,
        StartupSpread = TimeSpan.FromSeconds(2),
    };
    var model = ProvinceModel.Build(RegionCatalog.Hunan, simOptions);
    var simulation = new ProvinceSimulation(model, simOptions);
    using var stop = new CancellationTokenSource();
    var running = options.SimulateInServer ? Task.CompletedTask : simulation.RunAsync(stop.Token);
    // In-server simulation: what it offers per second, from the model (statuses of every device plus identity checks).
    var estimatedOffered = ((model.RoomCount * 5) + model.Sites.Sum(s => s.SiteDevices.Count)) / intervalSeconds + options.IdChecksPerSecond;

    var probeSites = model.Sites.Where((_, i) => i % Math.Max(1, model.Sites.Count / 20) == 0).Select(s => s.SiteId).Take(20).ToList();
    await Task.Delay(TimeSpan.FromSeconds(3)); // sites announce themselves before the probe subscribes
    await using var probe = new LatencyProbe(server.Url, server.Token, topology.MqttPort, probeSites);
    var probing = Task.CompletedTask;
    string? probeError = null;
    if (options.ProbesPerSecond > 0)
    {
        // A server too starved to hold the probe's SignalR connection fails the step; it does not end the run.
        try
        {
            await probe.StartAsync();
            probing = probe.RunAsync(options.ProbesPerSecond, stop.Token);
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or System.Net.WebSockets.WebSocketException or OperationCanceledException or HttpRequestException)
        {
            probeError = $"{e.GetType().Name}: {e.Message}";
            Console.Error.WriteLine($"probe could not start: {probeError}");
        }
    }

    await Task.Delay(options.Warmup);
    probe.Take(TimeSpan.Zero);
    var before = await Snapshot();
    await Task.Delay(options.Duration);
    var after = await Snapshot();
    await Task.Delay(TimeSpan.FromSeconds(2));
    var (latencies, lost) = probe.Take(TimeSpan.FromSeconds(2));
    stop.Cancel();
    await running.ContinueWith(_ => { });
    try
    {
        await probing;
    }
    catch (Exception e) when (e is HubException or InvalidOperationException or System.Net.WebSockets.WebSocketException or HttpRequestException)
    {
        probeError ??= $"{e.GetType().Name}: {e.Message}";
    }

    clients.ForEach(c => c.Dispose());
    latencies.Sort();
    var seconds = (after.At - before.At).TotalSeconds;
    return new StepResult(
        options.Scale, model.Sites.Count, model.RoomCount, intervalSeconds,
        OfferedUpdatesPerSecond: options.SimulateInServer ? estimatedOffered : (after.Offered - before.Offered) / seconds,
        MessagesPerSecond: (after.Messages - before.Messages) / seconds,
        UpdatesPerSecond: (after.Accepted - before.Accepted) / seconds,
        CpuPercentOfMachine: 100 * (after.Cpu - before.Cpu) / seconds / Environment.ProcessorCount,
        BrokerCpuPercent: 100 * (after.BrokerCpu - before.BrokerCpu) / seconds / Environment.ProcessorCount,
        RedisCpuPercent: 100 * (after.RedisCpu - before.RedisCpu) / seconds / Environment.ProcessorCount,
        SimulatorCpuPercent: 100 * (after.SimulatorCpu - before.SimulatorCpu) / seconds / Environment.ProcessorCount,
        PeakMemoryMiB: topology.Servers.Sum(s => s.PeakMemoryMiB()),
        Silos: topology.Servers.Count,
        P50: Percentiles.Of(latencies, 50), P95: Percentiles.Of(latencies, 95), P99: Percentiles.Of(latencies, 99),
        Probes: latencies.Count, Lost: lost, Rejected: after.Rejected - before.Rejected, Backlog: after.Backlog,
        ProbeError: probeError,
        Agents: $"{simulation.Counters.Connects} connects, {simulation.Counters.PublishFailures} publish failures, {simulation.Counters.Skipped} skipped");

    // Ingest counts are per silo: the cluster's are their sum, as is the silos' CPU time.
    async Task<Sample> Snapshot()
    {
        var stats = await Task.WhenAll(clients.Select(c => c.GetFromJsonAsync<JsonElement>("/api/v1/ingest/stats")));
        long Sum(string name) => stats.Sum(s => s.GetProperty(name).GetInt64());
        return new Sample(DateTime.UtcNow, string.Join(" | ", stats.Select(s => s.GetProperty("backlog").ToString())), Sum("messages"),
            Sum("accepted"), Sum("rejectedTotal"),
            simulation.DeviceUpdatesPublished + simulation.EventsPublished, topology.Servers.Sum(s => s.CpuSeconds()),
            ServerProcess.CpuSecondsOf(topology.BrokerPid), topology.RedisPid is { } redis ? ServerProcess.CpuSecondsOf(redis) : 0,
            ServerProcess.CpuSecondsOf(Environment.ProcessId));
    }
}

internal sealed record Sample(DateTime At, string Backlog, long Messages, long Accepted, long Rejected, long Offered, double Cpu, double BrokerCpu, double RedisCpu, double SimulatorCpu);

internal sealed record StepResult(
    SimulationMode Scale, int Sites, int Rooms, double IntervalSeconds, double OfferedUpdatesPerSecond, double MessagesPerSecond,
    double UpdatesPerSecond, double CpuPercentOfMachine, double BrokerCpuPercent, double RedisCpuPercent, double SimulatorCpuPercent, double PeakMemoryMiB, int Silos, double P50, double P95, double P99, int Probes, int Lost, long Rejected, string Backlog, string? ProbeError, string Agents)
{
    /// <summary>The server's CPU time per accepted device update: what a CPU-bound ceiling is inversely proportional to.</summary>
    public double CpuMicrosPerUpdate => UpdatesPerSecond > 0 ? CpuPercentOfMachine / 100 * Environment.ProcessorCount / UpdatesPerSecond * 1e6 : double.NaN;

    /// <summary>Held: p99 within 1 s, no probe lost, and ingest keeps up with what is offered.</summary>
    public bool Held => ProbeError is null && P99 <= 1000 && Lost == 0 && UpdatesPerSecond >= 0.95 * OfferedUpdatesPerSecond;

    public override string ToString() =>
        $"{Scale} {Sites} sites/{Rooms} rooms, status every {IntervalSeconds:0.##} s: offered {OfferedUpdatesPerSecond:0} upd/s, " +
        $"accepted {UpdatesPerSecond:0} upd/s in {MessagesPerSecond:0} msg/s, latency p50/p95/p99 {P50:0}/{P95:0}/{P99:0} ms " +
        $"({Probes} probes, {Lost} lost), CPU % of machine: {(Silos > 1 ? $"{Silos} silos" : "server")} {CpuPercentOfMachine:0}, mosquitto {BrokerCpuPercent:0}, redis {RedisCpuPercent:0}, simulator+probe {SimulatorCpuPercent:0}; server CPU per update {CpuMicrosPerUpdate:0.0} µs, server peak RSS {PeakMemoryMiB:0} MiB{(Silos > 1 ? " (sum)" : "")}, rejected {Rejected}, backlog at end {Backlog}, simulated agents: {Agents}{(ProbeError is null ? "" : $", probe failed: {ProbeError}")} → {(Held ? "held" : "NOT held")}";
}
