using System.Text;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Queue;
using CommandCenter.Edge.Status;
using CommandCenter.Edge.Tests.Harness;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Edge.Tests;

/// <summary>The store-and-forward queue on its own: order, acknowledgement, crash damage, the disk budget.</summary>
public sealed class DurableQueueTests : IDisposable
{
    private const string EventTopic = "cc/v1/site/43010201/device/r001-id/event";
    private const string BatchTopic = "cc/v1/site/43010201/batch";
    private readonly TempDirectory _dir = new();
    private readonly AgentAlerts _alerts = new(TimeProvider.System, NullLogger<AgentAlerts>.Instance);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task records_come_back_in_order_and_only_unacknowledged_ones_after_a_restart()
    {
        await using (var queue = Open(segmentBytes: 16 * 1024))
        {
            for (var n = 1; n <= 500; n++)
            {
                await queue.AppendAsync(QueueClass.Kept, EventTopic, Payload(n));
            }

            for (var n = 1; n <= 50; n++)
            {
                await queue.AppendAsync(QueueClass.Droppable, BatchTopic, Payload(n));
            }

            var all = ReadAll(queue);
            Assert.Equal(Enumerable.Range(1, 500), all.Where(m => m.Class == QueueClass.Kept).Select(Number));
            Assert.Equal(Enumerable.Range(1, 50), all.Where(m => m.Class == QueueClass.Droppable).Select(Number));
            Assert.Equal(QueueClass.Kept, all[0].Class);
            foreach (var message in all.Where(m => m.Class == QueueClass.Kept).Take(200))
            {
                queue.Acknowledge(message);
            }
        }

        await using (var reopened = Open(segmentBytes: 16 * 1024))
        {
            var left = ReadAll(reopened);
            Assert.Equal(Enumerable.Range(201, 300), left.Where(m => m.Class == QueueClass.Kept).Select(Number));
            Assert.Equal(50, left.Count(m => m.Class == QueueClass.Droppable));
        }

        Assert.DoesNotContain(_alerts.Recent(), a => a.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task fully_acknowledged_segments_are_deleted()
    {
        await using var queue = Open(segmentBytes: 16 * 1024);
        for (var n = 1; n <= 2000; n++)
        {
            await queue.AppendAsync(QueueClass.Kept, EventTopic, Payload(n));
        }

        var filesBefore = Directory.GetFiles(Path.Combine(_dir.Path, "kept"), "*.seg").Length;
        foreach (var message in ReadAll(queue))
        {
            queue.Acknowledge(message);
        }

        await Poll.UntilAsync(() => Directory.GetFiles(Path.Combine(_dir.Path, "kept"), "*.seg").Length <= 1, TimeSpan.FromSeconds(5),
            "acknowledged segments to be deleted");
        Assert.True(filesBefore > 5, $"only {filesBefore} segments were written");
        Assert.Equal(0, queue.Snapshot().Kept.Pending);
    }

    [Fact]
    public async Task a_torn_write_at_the_end_is_cut_off_and_everything_before_it_kept()
    {
        await using (var queue = Open())
        {
            for (var n = 1; n <= 100; n++)
            {
                await queue.AppendAsync(QueueClass.Kept, EventTopic, Payload(n));
            }
        }

        var segment = Directory.GetFiles(Path.Combine(_dir.Path, "kept"), "*.seg").Single();
        using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(file.Length - 7); // the last record loses its end, as when power fails mid-write
        }

        await using (var reopened = Open())
        {
            Assert.Equal(Enumerable.Range(1, 99), ReadAll(reopened).Select(Number));
            await reopened.AppendAsync(QueueClass.Kept, EventTopic, Payload(101));
            Assert.Equal([101], ReadAll(reopened).Select(Number));
        }

        Assert.Contains(_alerts.Recent(), a => a.Level == LogLevel.Warning && a.Message.Contains("interrupted write"));
        Assert.DoesNotContain(_alerts.Recent(), a => a.Level >= LogLevel.Error);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir.Path, "quarantine"), "*tail*"));
    }

    [Fact]
    public async Task a_corrupted_record_is_quarantined_and_the_records_around_it_kept()
    {
        await using (var queue = Open())
        {
            for (var n = 1; n <= 100; n++)
            {
                await queue.AppendAsync(QueueClass.Kept, EventTopic, Payload(n));
            }
        }

        var segment = Directory.GetFiles(Path.Combine(_dir.Path, "kept"), "*.seg").Single();
        var bytes = await File.ReadAllBytesAsync(segment);
        var recordSize = bytes.Length / 100;
        bytes[(49 * recordSize) + 40] ^= 0xFF;         // record 50: its body no longer matches its CRC
        bytes.AsSpan((69 * recordSize) + 2, 20).Fill(0); // record 70: marker and length destroyed
        await File.WriteAllBytesAsync(segment, bytes);

        await using (var reopened = Open())
        {
            var expected = Enumerable.Range(1, 100).Where(n => n is not (50 or 70));
            Assert.Equal(expected, ReadAll(reopened).Select(Number));
            Assert.Single(reopened.Snapshot().Quarantined);
        }

        Assert.Contains(_alerts.Recent(), a => a.Level == LogLevel.Error && a.Message.Contains("failed their CRC") && a.Message.Contains("98 intact records"));
        var alertsBefore = _alerts.Recent().Count;
        await using (var again = Open())
        {
            Assert.Equal(98, ReadAll(again).Count);
        }

        Assert.Equal(alertsBefore, _alerts.Recent().Count); // the salvaged file is clean: nothing reported twice
    }

    [Fact]
    public async Task a_damaged_ack_cursor_means_replaying_everything_not_losing_anything()
    {
        await using (var queue = Open())
        {
            for (var n = 1; n <= 10; n++)
            {
                await queue.AppendAsync(QueueClass.Kept, EventTopic, Payload(n));
            }

            foreach (var message in ReadAll(queue).Take(5))
            {
                queue.Acknowledge(message);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(_dir.Path, "kept", "acked"), "garbage!");
        await using (var reopened = Open())
        {
            Assert.Equal(Enumerable.Range(1, 10), ReadAll(reopened).Select(Number));
        }

        Assert.Contains(_alerts.Recent(), a => a.Level == LogLevel.Warning && a.Message.Contains("ack cursor was damaged"));
    }

    [Fact]
    public async Task a_full_disk_budget_drops_status_oldest_first_and_keeps_every_event()
    {
        const long budget = QueueSettings.MinMaxBytes;
        await using var queue = Open(maxBytes: budget);
        var status = new string('s', 500);
        for (var n = 1; n <= 2000; n++)
        {
            await queue.AppendAsync(QueueClass.Droppable, BatchTopic, Payload(n, status));
            if (n % 40 == 0)
            {
                await queue.AppendAsync(QueueClass.Kept, EventTopic, Payload(n / 40));
            }
        }

        await Poll.UntilAsync(() => queue.Snapshot() is var s && s.Kept.Bytes + s.Droppable.Bytes <= budget, TimeSpan.FromSeconds(5), "the budget to be enforced");
        var snapshot = queue.Snapshot();
        var left = ReadAll(queue);
        Assert.Equal(Enumerable.Range(1, 50), left.Where(m => m.Class == QueueClass.Kept).Select(Number));
        var statuses = left.Where(m => m.Class == QueueClass.Droppable).Select(Number).ToList();
        Assert.Equal(2000, statuses[^1]);
        Assert.Equal(Enumerable.Range(statuses[0], statuses.Count), statuses); // what is left is the newest, without gaps
        Assert.True(statuses[0] > 1000, $"oldest status kept is {statuses[0]}");
        Assert.Equal(statuses[0] - 1, snapshot.DroppedStatus);
        Assert.Equal(0, snapshot.DroppedKept);
        Assert.Contains(_alerts.Recent(), a => a.Level == LogLevel.Warning && a.Message.Contains("disk budget") && a.Message.Contains("events, custody records and reports are kept"));
    }

    [Fact]
    public async Task events_alone_over_the_budget_lose_the_oldest_ones_loudly()
    {
        await using var queue = Open(maxBytes: QueueSettings.MinMaxBytes);
        var filler = new string('e', 500);
        for (var n = 1; n <= 1000; n++)
        {
            await queue.AppendAsync(QueueClass.Kept, EventTopic, Payload(n, filler));
        }

        await Poll.UntilAsync(() => queue.Snapshot().DroppedKept > 0, TimeSpan.FromSeconds(5), "events to be dropped");
        var left = ReadAll(queue).Select(Number).ToList();
        Assert.Equal(1000, left[^1]);
        Assert.Contains(_alerts.Recent(), a => a.Level == LogLevel.Critical && a.Message.Contains("exhausted by events alone"));
    }

    [Fact]
    public async Task concurrent_appends_are_each_durable_and_numbered_once()
    {
        await using (var queue = Open())
        {
            var seqs = await Task.WhenAll(Enumerable.Range(1, 1000).Select(n => queue.AppendAsync(QueueClass.Kept, EventTopic, Payload(n))));
            Assert.Equal(1000, seqs.Distinct().Count());
        }

        await using var reopened = Open();
        Assert.Equal(Enumerable.Range(1, 1000), ReadAll(reopened).Select(Number).Order());
    }

    [Fact]
    public async Task a_second_agent_cannot_open_a_queue_in_use()
    {
        await using var queue = Open();
        var refused = Assert.Throws<QueueUnavailableException>(() => Open());
        Assert.Contains("in use by another agent", refused.Message);
    }

    private DurableQueue Open(long maxBytes = QueueSettings.DefaultMaxBytes, long segmentBytes = 8 * 1024 * 1024) =>
        DurableQueue.Open(_dir.Path, maxBytes, segmentBytes, TimeProvider.System, _alerts);

    /// <summary>Fixed width, so that every record of a test has the same size on disk.</summary>
    private static byte[] Payload(int n, string filler = "") => Encoding.UTF8.GetBytes($$"""{"n":"{{n:D5}}","f":"{{filler}}"}""");

    private static int Number(QueuedMessage message) =>
        System.Text.Json.JsonDocument.Parse(message.Payload).RootElement.GetProperty("n").GetString()!.TrimStart('0') is { Length: > 0 } digits ? int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static List<QueuedMessage> ReadAll(DurableQueue queue)
    {
        var all = new List<QueuedMessage>();
        while (queue.ReadNext(all, 1000) > 0)
        {
        }

        return all;
    }
}
