using System.Buffers;
using System.Text;
using System.Text.Json;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Mqtt;
using CommandCenter.Edge.Queue;

namespace CommandCenter.Edge.Tests;

/// <summary>How queued records become MQTT messages: fresh ones as queued, a backlog merged into valid batches.</summary>
public sealed class BacklogMergerTests
{
    private const string Site = "43010201";
    private readonly EdgeMessageParser _parser = new();

    [Fact]
    public void fresh_records_go_out_as_they_were_queued()
    {
        var now = DateTimeOffset.UtcNow;
        var merger = new BacklogMerger(Site, 100, TimeProvider.System);
        var units = merger.Group([Event(1, now), Event(2, now), Status(3, now)]);
        Assert.Equal(3, units.Count);
        Assert.Equal(EdgeTopics.DeviceEvent(Site, "r001-id"), units[0].Message.Topic);
    }

    [Fact]
    public void a_backlog_is_merged_into_valid_batches_in_order_without_mixing_kinds()
    {
        var old = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5);
        var custody = new QueuedMessage(QueueClass.Kept, 4, old, EdgeTopics.Custody(Site), "{}"u8.ToArray());
        List<QueuedMessage> records = [Event(1, old), Event(2, old), Event(3, old), custody, Event(5, old), .. Enumerable.Range(6, 250).Select(n => Status(n, old))];
        var units = new BacklogMerger(Site, 100, TimeProvider.System).Group(records);

        Assert.Equal([3, 1, 1, 100, 100, 50], units.Select(u => u.Records.Count));
        var events = Parse(units[0]);
        Assert.Equal(["e1", "e2", "e3"], events.Readings.Select(r => r.MsgId));
        Assert.All(events.Readings, r => Assert.Equal(ReadingType.Event, r.Type));
        Assert.Equal(EdgeTopics.Custody(Site), units[1].Message.Topic);
        Assert.Equal(EdgeTopics.DeviceEvent(Site, "r001-id"), units[2].Message.Topic);
        var statuses = Parse(units[3]);
        Assert.Equal(200, statuses.Readings.Count);
        Assert.Equal("s6-0", statuses.Readings[0].MsgId);
    }

    private DeviceMessage Parse(Outgoing unit)
    {
        var result = _parser.Parse(unit.Message.Topic, unit.Message.Payload.ToArray());
        Assert.Empty(result.Rejections);
        return Assert.IsType<DeviceMessage>(result.Message);
    }

    private static QueuedMessage Event(long seq, DateTimeOffset at) =>
        new(QueueClass.Kept, seq, at, EdgeTopics.DeviceEvent(Site, "r001-id"), Encoding.UTF8.GetBytes(
            $$$"""{"msgId":"e{{{seq}}}","ts":"{{{Identifiers.FormatTimestamp(at)}}}","kind":"id_reader","room":"001","deviceId":"r001-id","data":{"type":"verify","ticket":"T1","result":"match","score":0.9}}"""));

    private static QueuedMessage Status(long seq, DateTimeOffset at)
    {
        var items = Enumerable.Range(0, 2).Select(k => JsonSerializer.Serialize(new
        {
            msgId = $"s{seq}-{k}",
            ts = Identifiers.FormatTimestamp(at),
            kind = "jammer",
            room = "001",
            deviceId = $"r001-jammer{k}",
            data = new { on = true },
        }));
        return new(QueueClass.Droppable, seq, at, EdgeTopics.Batch(Site), Encoding.UTF8.GetBytes("{\"items\":[" + string.Join(',', items) + "]}"));
    }
}
