using System.Buffers;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Queue;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Edge.Mqtt;

/// <summary>
/// Turns records read from the queue into MQTT messages. Fresh records go out as they were queued (a room
/// batch, a single event on its device topic). Records of a backlog (queued more than <see cref="BacklogAge"/>
/// ago) are merged into batch messages: consecutive device events, or consecutive status batches, up to
/// <c>Edge:Mqtt:MaxRecordsPerMessage</c> records and 192 KiB each. A catch-up then costs the center few
/// messages (it limits messages per site, not items) and keeps each device's order.
/// </summary>
internal sealed class BacklogMerger(string siteId, int maxRecords, TimeProvider time)
{
    public static readonly TimeSpan BacklogAge = TimeSpan.FromSeconds(2);
    private const int MaxBytes = 192 * 1024;
    private static readonly byte[] ItemsOpen = "{\"items\":["u8.ToArray();
    private static readonly byte[] ItemsClose = "]}"u8.ToArray();

    private readonly string _batchTopic = EdgeTopics.Batch(siteId);
    private readonly string _eventPrefix = EdgeTopics.Prefix + siteId + "/device/";

    public List<Outgoing> Group(IReadOnlyList<QueuedMessage> records)
    {
        var outgoing = new List<Outgoing>();
        var backlogBefore = time.GetUtcNow() - BacklogAge;
        var run = new List<QueuedMessage>();
        var runKind = Mergeable.No;
        var runBytes = 0;
        foreach (var record in records)
        {
            var kind = record.EnqueuedAt < backlogBefore ? KindOf(record) : Mergeable.No;
            if (run.Count > 0 && (kind == Mergeable.No || kind != runKind || run.Count >= maxRecords || runBytes + record.Payload.Length > MaxBytes))
            {
                outgoing.Add(Flush(run, runKind));
                run = [];
                runBytes = 0;
            }

            if (kind == Mergeable.No)
            {
                outgoing.Add(new Outgoing(Message(record.Topic, record.Payload), [record]));
                continue;
            }

            run.Add(record);
            runKind = kind;
            runBytes += record.Payload.Length;
        }

        if (run.Count > 0)
        {
            outgoing.Add(Flush(run, runKind));
        }

        return outgoing;
    }

    private Outgoing Flush(List<QueuedMessage> run, Mergeable kind)
    {
        if (run.Count == 1)
        {
            return new Outgoing(Message(run[0].Topic, run[0].Payload), run);
        }

        var buffer = new ArrayBufferWriter<byte>(run.Sum(r => r.Payload.Length) + 16);
        buffer.Write(ItemsOpen);
        for (var i = 0; i < run.Count; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }

            // A status batch contributes its items, an event envelope (which carries its deviceId) is an item.
            var payload = run[i].Payload.AsSpan();
            buffer.Write(kind == Mergeable.StatusBatch ? payload[ItemsOpen.Length..^ItemsClose.Length] : payload);
        }

        buffer.Write(ItemsClose);
        return new Outgoing(Message(_batchTopic, buffer.WrittenSpan.ToArray()), run);
    }

    private Mergeable KindOf(QueuedMessage record)
    {
        if (record.Topic == _batchTopic)
        {
            var payload = record.Payload.AsSpan();
            return payload.Length > ItemsOpen.Length + ItemsClose.Length && payload.StartsWith(ItemsOpen) && payload.EndsWith(ItemsClose)
                ? Mergeable.StatusBatch
                : Mergeable.No;
        }

        return record.Topic.StartsWith(_eventPrefix, StringComparison.Ordinal) && record.Topic.EndsWith("/event", StringComparison.Ordinal)
            ? Mergeable.Event
            : Mergeable.No;
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload) => new()
    {
        Topic = topic,
        Payload = new ReadOnlySequence<byte>(payload),
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
    };

    private enum Mergeable
    {
        No,
        Event,
        StatusBatch,
    }
}
