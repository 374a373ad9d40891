using System.Net;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Tests.Harness;
using CommandCenter.Testing;

namespace CommandCenter.Edge.Tests;

/// <summary>A long outage on a small disk: status is given up first, events are kept, and the agent says so.</summary>
public sealed class DiskBudgetTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly int _brokerPort = FreePorts.Next();
    private RunningAgent _agent = null!;
    private MosquittoBroker? _broker;
    private CenterSubscriber? _center;

    public async Task InitializeAsync() =>
        _agent = await RunningAgent.StartAsync(_dir.Sub("queue"),
            $"--Edge:Mqtt:Port={_brokerPort}", $"--Edge:Queue:MaxBytes={QueueSettings.MinMaxBytes}", "--Edge:Simulated:Rooms=30",
            "--Edge:Simulated:StatusInterval=00:00:00.100", "--Edge:Simulated:EventsPerSecond=0", "--Edge:Batching:Window=00:00:00.100");

    public async Task DisposeAsync()
    {
        var errors = _agent.Logs.Errors.ToList();
        await _agent.DisposeAsync();
        if (_center is not null)
        {
            await _center.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _dir.Dispose();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task a_full_disk_budget_drops_status_first_keeps_events_and_warns()
    {
        var events = new List<string>();
        for (var n = 1; n <= 100; n++)
        {
            var msgId = $"budget-{n}";
            using var response = await _agent.PostAsync("/devices/r001-jammer/event",
                $$$"""{"msgId":"{{{msgId}}}","kind":"jammer","room":"001","data":{"type":"fault","detail":"antenna {{{n}}}"}}""");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            events.Add(msgId);
            await Task.Delay(20);
        }

        var status = await Poll.UntilAsync(_agent.StatusAsync, s => s.GetProperty("queue").GetProperty("droppedStatus").GetInt64() > 100,
            TimeSpan.FromSeconds(20), "periodic status to be dropped");
        var queue = status.GetProperty("queue");
        Assert.Equal(0, queue.GetProperty("droppedKept").GetInt64());
        Assert.Equal(100, queue.GetProperty("kept").GetProperty("pending").GetInt64());
        Assert.Contains(status.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("message").GetString()!.Contains("disk budget"));
        Assert.Contains(_agent.Logs.Warnings, w => w.Contains("disk budget") && w.Contains("Edge:Queue:MaxBytes"));

        // The link comes back: every event goes out.
        _broker = await MosquittoBroker.StartAsync(_brokerPort);
        _center = await CenterSubscriber.ConnectAsync(_brokerPort);
        // A generous window: this is about nothing being lost, and CI runs the test projects side by side.
        await Poll.UntilAsync(() => events.ToHashSet().IsSubsetOf(_center.Events.Select(e => e.MsgId)), TimeSpan.FromSeconds(60),
            "every kept event at the center");
        Assert.Equal(events, _center.Events.Select(e => e.MsgId).Distinct());
        Assert.Empty(_center.Rejections);
    }
}
