using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CommandCenter.Contracts.Tests;

public sealed class ParserPropertyTests
{
    private static readonly EdgeMessageParser Parser = new();

    [Property(MaxTest = 500)]
    public bool arbitrary_bytes_never_throw_and_are_either_accepted_or_rejected_with_a_reason(byte[] payload, bool batch)
    {
        var topic = batch ? EdgeTopics.Batch("43010201") : EdgeTopics.DeviceStatus("43010201", "d1");
        var result = Parser.Parse(topic, payload ?? []);
        return result.Message is not null || result.Rejections.Count > 0;
    }

    [Property(MaxTest = 300)]
    public Property arbitrary_json_objects_never_throw()
    {
        var keys = Gen.Elements("msgId", "ts", "kind", "room", "data", "items", "deviceId", "state", "devices", "type");
        var values = Gen.Elements("\"x\"", "1", "-1", "null", "true", "{}", "[]", "\"2026-06-07T08:59:58+08:00\"", "\"clock\"", "{\"type\":\"verify\"}", "1e400");
        var pairs = Gen.ListOf(Gen.Zip(keys, values).Select(p => $"\"{p.Item1}\":{p.Item2}"));
        var topics = Gen.Elements(EdgeTopics.Agent("43010201"), EdgeTopics.Batch("43010201"), EdgeTopics.Custody("43010201"),
            EdgeTopics.Report("43010201"), EdgeTopics.DeviceEvent("43010201", "d"), EdgeTopics.CommandAck("43010201"));
        return Prop.ForAll(Arb.From(Gen.Zip(pairs, topics)), t =>
        {
            var json = "{" + string.Join(",", t.Item1) + "}";
            var result = Parser.Parse(t.Item2, System.Text.Encoding.UTF8.GetBytes(json));
            return result.Message is not null || result.Rejections.Count > 0;
        });
    }
}
