using CommandCenter.Edge.Tests.Harness;
using CommandCenter.Testing;

namespace CommandCenter.Edge.Tests;

/// <summary>Power cut: the agent is killed with SIGKILL while it writes; nothing it acknowledged is lost, nothing is corrupt.</summary>
public sealed class CrashTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly int _brokerPort = FreePorts.Next();
    private MosquittoBroker? _broker;
    private CenterSubscriber? _center;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_center is not null)
        {
            await _center.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task kill_9_mid_write_loses_no_acknowledged_event_and_leaves_no_corruption()
    {
        string[] args = [$"--Edge:SiteId={RunningAgent.SiteId}", $"--Edge:QueueDirectory={_dir.Sub("queue")}", $"--Edge:Mqtt:Port={_brokerPort}",
            "--Edge:Mqtt:MinReconnectDelay=00:00:00.200", "--Edge:Mqtt:MaxReconnectDelay=00:00:01"];

        // The broker is not there yet: everything the devices send piles up in the queue.
        var first = await AgentProcess.StartAsync(args);
        var poster = new EventPoster(() => first.Http, devices: 8, pause: TimeSpan.Zero);
        poster.Start();
        await Poll.UntilAsync(() => poster.Acknowledged.Count >= 1500, TimeSpan.FromSeconds(30), "1500 acknowledged events before the kill");
        first.KillHard();
        await poster.StopAsync();
        await first.DisposeAsync();
        var acknowledged = poster.Acknowledged.ToHashSet();

        _broker = await MosquittoBroker.StartAsync(_brokerPort);
        _center = await CenterSubscriber.ConnectAsync(_brokerPort);
        await using var second = await AgentProcess.StartAsync(args);
        await Poll.UntilAsync(() => acknowledged.IsSubsetOf(_center.Events.Select(e => e.MsgId)), TimeSpan.FromSeconds(30),
            "every event acknowledged before the kill at the center");

        foreach (var device in _center.Events.Select(e => e.MsgId).Distinct().GroupBy(id => id[..id.LastIndexOf('-')]))
        {
            var numbers = device.Select(EventPoster.Number).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers); // in order per device, nothing missing before the last one sent
        }

        Assert.Empty(_center.Rejections);
        var status = await second.StatusAsync();
        var alerts = status.GetProperty("alerts").EnumerateArray().ToList();
        Assert.DoesNotContain(alerts, a => a.GetProperty("level").GetString() is "Error" or "Critical");
        Assert.All(status.GetProperty("queue").GetProperty("quarantined").EnumerateArray(), f => Assert.Contains("-tail-", f.GetString()));
        Assert.DoesNotContain(second.Output, line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal));
    }
}
