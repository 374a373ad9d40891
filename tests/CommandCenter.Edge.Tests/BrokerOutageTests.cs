using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Tests.Harness;

namespace CommandCenter.Edge.Tests;

/// <summary>Network down at a site: keep working, catch up when it is back (real Mosquitto stopped and started).</summary>
public sealed class BrokerOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();
    private MosquittoBroker _broker = null!;
    private CenterSubscriber _center = null!;
    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _center = await CenterSubscriber.ConnectAsync(_broker.Port);
        _agent = await RunningAgent.StartAsync(_dir.Sub("queue"),
            $"--Edge:Mqtt:Port={_broker.Port}", "--Edge:Simulated:Rooms=2", "--Edge:Simulated:StatusInterval=00:00:00.500",
            "--Edge:Simulated:EventsPerSecond=0", "--Edge:Batching:Window=00:00:00.250");
    }

    public async Task DisposeAsync()
    {
        var errors = _agent.Logs.Errors.ToList();
        await _agent.DisposeAsync();
        await _center.DisposeAsync();
        await _broker.DisposeAsync();
        _dir.Dispose();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task events_survive_a_broker_outage_exactly_once_in_order()
    {
        var poster = new EventPoster(() => _agent.Http, devices: 4, pause: TimeSpan.FromMilliseconds(40));
        poster.Start();
        await Task.Delay(TimeSpan.FromSeconds(2));

        await _broker.StopAsync();
        var stoppedAt = DateTime.UtcNow;
        await Task.Delay(Outage);
        var queuedDuringOutage = (await _agent.StatusAsync()).GetProperty("queue").GetProperty("kept").GetProperty("pending").GetInt64();
        await _broker.StartAgainAsync();
        var restartedAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await poster.StopAsync();

        var sent = poster.Acknowledged.ToHashSet();
        await Poll.UntilAsync(() => sent.IsSubsetOf(_center.Events.Select(e => e.MsgId)), TimeSpan.FromSeconds(30), "every acknowledged event at the center");

        var arrived = _center.Events;
        var firstArrivals = arrived.Select(e => e.MsgId).Distinct().ToList();
        Assert.Equal(sent.Order(), firstArrivals.Order());                   // every event, and nothing else
        Assert.True(arrived.Count - firstArrivals.Count <= 2 * 32,          // QoS 1 replays of what was in flight at the cut, no more
            $"{arrived.Count - firstArrivals.Count} duplicates");
        foreach (var device in firstArrivals.GroupBy(id => id[..id.LastIndexOf('-')]))
        {
            var numbers = device.Select(EventPoster.Number).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);      // in order per device, none missing
        }

        Assert.True(queuedDuringOutage > 100, $"only {queuedDuringOutage} events were queued during the outage");
        Assert.True(sent.Count > 600, $"only {sent.Count} events were posted");
        Assert.Empty(_center.Rejections);
        Assert.Contains(_center.Received, m => m.Topic == EdgeTopics.Batch(RunningAgent.SiteId));
        Assert.Contains(_center.Messages, m => m.Message is DeviceMessage d && d.Readings.Count(r => r.Type == ReadingType.Event) > 1); // the backlog went out merged
        Assert.Contains(_agent.Logs.Warnings, w => w.Contains("lost the connection"));
        Assert.True(restartedAt - stoppedAt >= Outage);
    }
}
