using System.Diagnostics;
using System.Globalization;
using CommandCenter.Edge.Bench;
using CommandCenter.Edge.Queue;
using CommandCenter.Edge.Status;
using CommandCenter.Testing;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet run -c Release --project edge/CommandCenter.Edge.Bench -- [--hours 4] [--rooms 60] [--inflight 32] [--skip-backlog]
// (b) measures the raw publish rate (no pacing, no merging); (c) drains with the agent's defaults (paced, backlog merged).
var hours = Arg("--hours", 4.0);
var rooms = (int)Arg("--rooms", 60.0);
var inflight = (int)Arg("--inflight", 32.0);
const int EventsPerSecond = 10;
var alerts = new AgentAlerts(TimeProvider.System, NullLogger<AgentAlerts>.Instance);
var root = Directory.CreateTempSubdirectory("cc-edge-bench-").FullName;
Console.WriteLine($"edge agent benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, queue under {root}");
Console.WriteLine($"payloads: event {Payloads.Event(1, 1).Length} B, room batch of 5 statuses {Payloads.RoomBatch(1, 1).Length} B");
try
{
    await using var broker = await LocalMosquitto.StartAsync("max_queued_messages 0", "max_inflight_messages 0");

    // (a) into the queue
    var one = await AppendAsync(Path.Combine(root, "a1"), 2_000, producers: 1);
    Report("queue, one writer waiting for each fsync", one);
    var many = await AppendAsync(Path.Combine(root, "a2"), 100_000, producers: 64);
    Report("queue, 64 concurrent writers (group commit)", many);

    // (b) out to the broker
    await using (var queue = DurableQueue.Open(Path.Combine(root, "b"), 1L << 32, 8 << 20, TimeProvider.System, alerts))
    {
        await Task.WhenAll(Enumerable.Range(0, 64).Select(p => Produce(queue, 100_000, p, 64, _ => QueueClass.Kept)));
        var raw = new CommandCenter.Edge.Hosting.MqttSettings { Port = broker.Port, MaxInflight = inflight, MaxMessagesPerSecond = 0, MaxRecordsPerMessage = 1 };
        var (elapsed, sent, messages, received) = await Forwarding.DrainAsync(queue, raw, alerts);
        Report($"queue to Mosquitto, one message per event, QoS 1, {inflight} in flight, no pacing ({messages} PUBACKed, {received} received by a subscriber)", (sent, elapsed));
    }

    if (!args.Contains("--skip-backlog"))
    {
        // (c) a backlog of `hours` hours of a `rooms`-room site at full rate: one batch per room and one site batch a second, 10 events a second
        var seconds = (long)(hours * 3600);
        var batches = seconds * (rooms + 1);
        var events = seconds * EventsPerSecond;
        var dir = Path.Combine(root, "c");
        var clock = Stopwatch.StartNew();
        await using (var queue = DurableQueue.Open(dir, 4L << 30, 8 << 20, TimeProvider.System, alerts))
        {
            var total = batches + events;
            await Task.WhenAll(Enumerable.Range(0, 64).Select(p => Produce(queue, total, p, 64,
                n => n % (rooms + 1 + EventsPerSecond) < EventsPerSecond ? QueueClass.Kept : QueueClass.Droppable)));
        }

        var written = clock.Elapsed;
        var bytes = Directory.EnumerateFiles(dir, "*.seg", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"| backlog of {hours:0.#} h, {rooms} rooms | {batches:N0} status batches + {events:N0} events, {bytes / 1024.0 / 1024.0:N0} MiB on disk, written in {written.TotalSeconds:N1} s |");
        clock.Restart();
        await using (var queue = DurableQueue.Open(dir, 4L << 30, 8 << 20, TimeProvider.System, alerts))
        {
            var reopened = clock.Elapsed;
            Console.WriteLine($"| reopening it (CRC check of every record) | {reopened.TotalSeconds:N1} s |");
            var defaults = new CommandCenter.Edge.Hosting.MqttSettings { Port = broker.Port, MaxInflight = inflight };
            var (elapsed, sent, messages, received) = await Forwarding.DrainAsync(queue, defaults, alerts);
            Report($"draining it with the defaults: ≤ {defaults.MaxMessagesPerSecond} messages/s, ≤ {defaults.MaxRecordsPerMessage} records each ({messages} messages PUBACKed, {received} received by a subscriber)", (sent, elapsed));
        }
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

return;

double Arg(string name, double fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static void Report(string what, (long Count, TimeSpan Elapsed) result) =>
    Console.WriteLine($"| {what} | {result.Count:N0} in {result.Elapsed.TotalSeconds:N2} s = {result.Count / result.Elapsed.TotalSeconds:N0}/s |");

async Task<(long, TimeSpan)> AppendAsync(string dir, long count, int producers)
{
    await using var queue = DurableQueue.Open(dir, 1L << 32, 8 << 20, TimeProvider.System, alerts);
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Produce(queue, count, p, producers, _ => QueueClass.Kept)));
    return (count, clock.Elapsed);
}

static async Task Produce(DurableQueue queue, long count, int producer, int producers, Func<long, QueueClass> classOf)
{
    for (var n = (long)producer; n < count; n += producers)
    {
        var room = (int)(n % 60) + 1;
        var queueClass = classOf(n);
        if (queueClass == QueueClass.Kept)
        {
            await queue.AppendAsync(queueClass, Payloads.EventTopic(room), Payloads.Event(n, room));
        }
        else
        {
            await queue.AppendAsync(queueClass, Payloads.BatchTopic, Payloads.RoomBatch(n, room));
        }
    }
}
