using System.Text.Json;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Tests.Harness;

namespace CommandCenter.Edge.Tests;

/// <summary>What the center sees of a site through a real Mosquitto: presence and will, room batches, commands and their acks.</summary>
public sealed class CenterLinkTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private MosquittoBroker _broker = null!;
    private CenterSubscriber _center = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _center = await CenterSubscriber.ConnectAsync(_broker.Port);
    }

    public async Task DisposeAsync()
    {
        await _center.DisposeAsync();
        await _broker.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task presence_is_retained_with_the_inventory_and_a_clean_stop_says_offline()
    {
        var agent = await StartAgentAsync();
        await Poll.UntilAsync(() => Presences().Any(p => p.Online && p.Devices.Count == 17), TimeSpan.FromSeconds(10), "presence with 17 devices");
        await using (var late = await CenterSubscriber.ConnectAsync(_broker.Port))
        {
            await Poll.UntilAsync(() => late.Received.Any(m => m.Retained && m.Topic == EdgeTopics.Agent(RunningAgent.SiteId)), TimeSpan.FromSeconds(5),
                "the retained presence for a subscriber that comes later");
        }

        var errors = agent.Logs.Errors.ToList();
        await agent.DisposeAsync();
        await Poll.UntilAsync(() => Presences().LastOrDefault() is { Online: false }, TimeSpan.FromSeconds(5), "offline presence after a clean stop");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task a_killed_agent_is_announced_offline_by_its_will()
    {
        await using var agent = await AgentProcess.StartAsync($"--Edge:SiteId={RunningAgent.SiteId}", $"--Edge:QueueDirectory={_dir.Sub("queue")}",
            $"--Edge:Mqtt:Port={_broker.Port}");
        await Poll.UntilAsync(() => Presences().Any(p => p.Online), TimeSpan.FromSeconds(10), "online presence");
        agent.KillHard();
        await Poll.UntilAsync(() => Presences().LastOrDefault() is { Online: false }, TimeSpan.FromSeconds(10), "the will: offline");
    }

    [Fact]
    public async Task statuses_go_out_in_room_batches_with_each_device_at_most_once()
    {
        await using var agent = await StartAgentAsync();
        await Poll.UntilAsync(() => Batches().Count() >= 12, TimeSpan.FromSeconds(10), "a dozen room batches");
        foreach (var batch in Batches())
        {
            Assert.Single(batch.Readings.Select(r => r.Room).Distinct());
            Assert.Equal(batch.Readings.Count, batch.Readings.Select(r => r.DeviceId).Distinct().Count());
            Assert.All(batch.Readings, r => Assert.Equal(ReadingType.Status, r.Type));
        }

        Assert.Contains(Batches(), b => b.Readings.Count == 5);
        Assert.Empty(_center.Rejections);
        Assert.Empty(agent.Logs.Errors);
    }

    [Fact]
    public async Task commands_are_carried_out_and_acknowledged()
    {
        await using var agent = await StartAgentAsync();
        await Poll.UntilAsync(() => Presences().Any(p => p.Online), TimeSpan.FromSeconds(10), "online presence");
        var command = EdgeTopics.Command(RunningAgent.SiteId);
        var centerTime = Identifiers.FormatTimestamp(DateTimeOffset.Now.AddMilliseconds(-1500));
        await _center.PublishAsync(command, $$"""{"msgId":"c-time","ts":"{{centerTime}}","type":"time_reference"}""");
        await _center.PublishAsync(command, $$"""{"msgId":"c-paper","ts":"{{Now()}}","type":"switch_paper_set","set":"B","session":"2026-gk-yw"}""");
        await _center.PublishAsync(command, $$"""{"msgId":"c-notice","ts":"{{Now()}}","type":"notice","text":"开考前30分钟"}""");
        await _center.PublishAsync(command, $$"""{"msgId":"c-notice","ts":"{{Now()}}","type":"notice","text":"开考前30分钟"}""");
        await _center.PublishAsync(command, $$"""{"msgId":"c-what","ts":"{{Now()}}","type":"self_destruct"}""");
        await _center.PublishAsync(command, "not a command");

        await Poll.UntilAsync(() => Acks().Select(a => a.MsgId).Distinct().Count() == 4, TimeSpan.FromSeconds(10), "four acknowledged commands");
        var acks = Acks().GroupBy(a => a.MsgId).ToDictionary(g => g.Key, g => g.First());
        Assert.True(acks["c-time"].Ok);
        Assert.Contains("outside tolerance", acks["c-time"].Detail);
        Assert.True(acks["c-paper"].Ok);
        Assert.True(acks["c-notice"].Ok);
        Assert.False(acks["c-what"].Ok);
        Assert.Contains("unknown command type", acks["c-what"].Detail);

        var status = await agent.StatusAsync();
        Assert.Equal("B", status.GetProperty("paperSet").GetProperty("set").GetString());
        Assert.Single(status.GetProperty("notices").EnumerateArray());
        var offset = status.GetProperty("clock").GetProperty("offsetMs").GetInt64();
        Assert.InRange(offset, 1400, 4000);
        Assert.Contains("启用备用卷 <b>B</b>", await agent.Http.GetStringAsync("/"));
        Assert.Contains("switch to paper set <b>B</b>", await agent.Http.GetStringAsync("/?lang=en"));
        Assert.Contains(agent.Logs.Warnings, w => w.Contains("not a JSON object with a valid msgId"));
        Assert.Empty(agent.Logs.Errors);
    }

    private static string Now() => Identifiers.FormatTimestamp(DateTimeOffset.Now);

    private Task<RunningAgent> StartAgentAsync() =>
        RunningAgent.StartAsync(_dir.Sub("queue"), $"--Edge:Mqtt:Port={_broker.Port}", "--Edge:Simulated:Rooms=3",
            "--Edge:Simulated:StatusInterval=00:00:00.300", "--Edge:Simulated:EventsPerSecond=0", "--Edge:Batching:Window=00:00:00.200");

    private IEnumerable<PresenceMessage> Presences() => _center.Messages.Select(m => m.Message).OfType<PresenceMessage>();

    private IEnumerable<DeviceMessage> Batches() =>
        _center.Messages.Where(m => m.Topic == EdgeTopics.Batch(RunningAgent.SiteId)).Select(m => m.Message).OfType<DeviceMessage>();

    private IEnumerable<CommandAckMessage> Acks() => _center.Messages.Select(m => m.Message).OfType<CommandAckMessage>();
}
