using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Simulator.Model;

namespace CommandCenter.Simulator.Tests;

/// <summary>Three simulated sites against a real in-process broker on loopback.</summary>
public sealed class BrokerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task sites_announce_themselves_publish_batches_checks_faults_and_probes_then_go_offline()
    {
        await using var broker = await BrokerCapture.StartAsync();
        var options = OptionsFor(broker);
        var simulation = new ProvinceSimulation(ProvinceModel.Build(RegionCatalog.Hunan, options).Take(3), options);
        var sites = simulation.Model.Sites.Select(s => s.SiteId).ToList();
        var faults = new System.Collections.Concurrent.ConcurrentQueue<SimulationFault>();
        simulation.FaultInjected += faults.Enqueue;
        using var stop = new CancellationTokenSource();
        var run = simulation.RunAsync(stop.Token);

        foreach (var site in sites)
        {
            await broker.WaitForAsync<PresenceMessage>((_, p) => p.SiteId == site && p.Online && p.Devices.Count == 2 * 5 + 4, Patience);
            await broker.WaitForAsync<DeviceMessage>((t, m) => t == EdgeTopics.Batch(site) && m.Readings.Count == 5, Patience);
            await broker.WaitForAsync<DeviceMessage>((t, m) => t == EdgeTopics.Batch(site) && m.Readings.Count == 4, Patience);
        }

        await broker.WaitForAsync<DeviceMessage>((_, m) => m.Readings[0].Event?.Type == "verify", Patience);

        simulation.InjectFault(sites[0], FaultKind.JammerFault, "001");
        await broker.WaitForAsync<DeviceMessage>(
            (t, m) => t == EdgeTopics.DeviceEvent(sites[0], "r001-jammer") && m.Readings[0].Event?.Detail == "antenna", Patience);

        var beforeProbe = DateTimeOffset.UtcNow;
        var sentAt = await simulation.PublishProbeAsync(sites[1], "002", 987_654, CancellationToken.None);
        await broker.WaitForAsync<DeviceMessage>(
            (_, m) => m.SiteId == sites[1] && m.Readings is [{ DeviceId: "r002-clock", Status: ClockStatus { OffsetMs: 987_654 } }], Patience);
        Assert.InRange(sentAt, beforeProbe, DateTimeOffset.UtcNow);

        simulation.InjectFault(sites[2], FaultKind.AgentDropout, null);
        await broker.WaitForAsync<PresenceMessage>((_, p) => p.SiteId == sites[2] && !p.Online, Patience);

        await stop.CancelAsync();
        await run.WaitAsync(Patience);

        await broker.WaitForAsync<PresenceMessage>((_, p) => p.SiteId == sites[0] && !p.Online, Patience);
        Assert.Empty(broker.Rejections);
        Assert.Equal([FaultKind.JammerFault, FaultKind.AgentDropout], faults.Select(f => f.Kind));
        Assert.Equal(2, simulation.FaultsInjected);
        Assert.True(simulation.EventsPublished >= 2);
        Assert.True(simulation.DeviceUpdatesPublished > simulation.EventsPublished);
        Assert.True(simulation.Published >= 3 * 3);
    }

    [Fact]
    public async Task agents_reconnect_and_announce_again_after_the_broker_comes_back()
    {
        await using var broker = await BrokerCapture.StartAsync();
        var options = OptionsFor(broker);
        var simulation = new ProvinceSimulation(ProvinceModel.Build(RegionCatalog.Hunan, options).Take(1), options);
        using var stop = new CancellationTokenSource();
        var run = simulation.RunAsync(stop.Token);
        await broker.WaitForAsync<PresenceMessage>((_, p) => p.Online, Patience);

        await broker.RestartServerAsync(TimeSpan.FromMilliseconds(200));
        var connectsBefore = simulation.Counters.Connects;
        broker.Messages.Clear();
        // The subscriber itself does not reconnect; the agent's reconnect shows in its counters.
        await WaitUntilAsync(() => simulation.Counters.Connects > connectsBefore && simulation.OnlineAgents == 1, Patience);

        await stop.CancelAsync();
        await run.WaitAsync(Patience);
        Assert.Equal(2, simulation.Counters.Connects);
    }

    [Fact]
    public async Task the_scheduler_sustains_the_configured_rates()
    {
        await using var broker = await BrokerCapture.StartAsync();
        var options = OptionsFor(broker);
        options.IdChecksPerSecond = 100;
        var simulation = new ProvinceSimulation(ProvinceModel.Build(RegionCatalog.Hunan, options).Take(3), options);
        using var stop = new CancellationTokenSource();
        var run = simulation.RunAsync(stop.Token);
        await WaitUntilAsync(() => simulation.OnlineAgents == 3, Patience);
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // checks made before connecting are flushed on connect

        var (events, updates) = (simulation.EventsPublished, simulation.DeviceUpdatesPublished);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var seconds = clock.Elapsed.TotalSeconds;
        var eventsPerSecond = (simulation.EventsPublished - events) / seconds;
        var statusesPerSecond = (simulation.DeviceUpdatesPublished - updates) / seconds;

        await stop.CancelAsync();
        await run.WaitAsync(Patience);
        // 100 checks/s; 3 sites x (2 rooms x 5 + 4 site devices) statuses every 300 ms = 140 statuses/s.
        // Loose bounds: when other tests hog the CPU the scheduler catches up in bursts.
        Assert.InRange(eventsPerSecond, 50, 180);
        Assert.InRange(statusesPerSecond, 70, 230);
        Assert.Empty(broker.Rejections);
    }

    private static SimulationOptions OptionsFor(BrokerCapture broker) => new()
    {
        Mode = SimulationMode.Small,
        RoomsPerSite = 2,
        StatusInterval = TimeSpan.FromMilliseconds(300),
        IdChecksPerSecond = 20,
        FaultsPerMinute = 0,
        AgentDropoutsPerHour = 0,
        StartupSpread = TimeSpan.FromMilliseconds(100),
        BrokerHost = "127.0.0.1",
        BrokerPort = broker.Port,
    };

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(25);
        }
    }
}
