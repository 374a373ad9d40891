using System.Text;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using static CommandCenter.Contracts.Tests.Payloads;

namespace CommandCenter.Contracts.Tests;

public sealed class EdgeMessageParserTests
{
    private readonly EdgeMessageParser _parser = new(new EdgeParserOptions { MaxPayloadBytes = 4096, MaxBatchItems = 3 }, new FixedTime(Now));

    private ParseResult Parse(string topic, string json, string? sender = null) => _parser.Parse(topic, Bytes(json), sender);

    private static string StatusTopic(string device = "r015-clock") => EdgeTopics.DeviceStatus(Site, device);

    [Fact]
    public void a_valid_clock_status_is_accepted_with_its_typed_data()
    {
        var result = Parse(StatusTopic(), Clock());

        var message = Assert.IsType<DeviceMessage>(result.Message);
        Assert.Empty(result.Rejections);
        var reading = Assert.Single(message.Readings);
        Assert.Equal(("m1", "r015-clock", DeviceKind.Clock, "015"), (reading.MsgId, reading.DeviceId, reading.Kind, reading.Room));
        Assert.Equal(ReadingType.Status, reading.Type);
        Assert.Equal(12, Assert.IsType<ClockStatus>(reading.Status).OffsetMs);
        Assert.Equal(DateTimeOffset.Parse(Ts), reading.Ts);
        Assert.Contains("\"offsetMs\":12", reading.DataJson);
    }

    [Theory]
    [InlineData("jammer", """{"on":true,"fault":null}""")]
    [InlineData("metal_detector", """{"ready":true,"batteryPct":80}""")]
    [InlineData("id_reader", """{"ready":true}""")]
    [InlineData("camera", """{"online":true,"recording":true,"streamUrl":"rtsp://10.0.0.5/1","fps":25}""")]
    [InlineData("vault_door", """{"closed":true,"locked":true}""")]
    public void every_kind_has_a_valid_status(string kind, string data)
    {
        var json = $$"""{"msgId":"m","ts":"{{Ts}}","kind":"{{kind}}","data":{{data}}}""";
        var result = Parse(StatusTopic("d1"), json);
        Assert.Empty(result.Rejections);
        Assert.IsType<DeviceMessage>(result.Message);
    }

    [Theory]
    [InlineData("clock", """{"type":"stopped"}""")]
    [InlineData("jammer", """{"type":"fault","detail":"antenna"}""")]
    [InlineData("metal_detector", """{"type":"alarm","ticket":"26430102015001"}""")]
    [InlineData("id_reader", """{"type":"verify","ticket":"26430102015001","result":"match","score":0.97}""")]
    [InlineData("camera", """{"type":"frozen"}""")]
    [InlineData("vault_door", """{"type":"opened","staff":["A001","A002"]}""")]
    public void every_kind_has_a_valid_event(string kind, string data)
    {
        var json = $$"""{"msgId":"e","ts":"{{Ts}}","kind":"{{kind}}","data":{{data}}}""";
        var result = Parse(EdgeTopics.DeviceEvent(Site, "d1"), json);
        Assert.Empty(result.Rejections);
        var reading = Assert.Single(Assert.IsType<DeviceMessage>(result.Message).Readings);
        Assert.Equal(ReadingType.Event, reading.Type);
    }

    [Theory]
    [InlineData("cc/v1/somewhere/else", RejectReason.TopicInvalid)]
    [InlineData("cc/v1/site/4301/agent", RejectReason.SiteIdInvalid)]
    [InlineData("cc/v1/site/4301020X/agent", RejectReason.SiteIdInvalid)]
    [InlineData("cc/v1/site/43010201/device/bad id!/status", RejectReason.DeviceIdInvalid)]
    [InlineData("cc/v1/site/43010201/command", RejectReason.NotAccepted)]
    public void topic_problems_are_rejected_before_the_payload_is_read(string topic, RejectReason reason) =>
        AssertRejected(Parse(topic, "{}"), reason);

    [Fact]
    public void a_topic_for_another_site_than_the_credentials_is_refused() =>
        AssertRejected(Parse(StatusTopic(), Clock(), sender: "43010202"), RejectReason.SiteMismatch);

    [Fact]
    public void a_site_id_in_the_payload_must_match_the_topic() =>
        AssertRejected(Parse(EdgeTopics.Agent(Site), """{"state":"online","siteId":"43010299"}"""), RejectReason.SiteMismatch);

    [Fact]
    public void an_oversized_payload_is_refused_from_its_length() =>
        AssertRejected(Parse(StatusTopic(), Clock(data: $$"""{"pad":"{{new string('x', 5000)}}"}""")), RejectReason.TooLarge);

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public void malformed_json_is_refused(string payload) => AssertRejected(Parse(StatusTopic(), payload), RejectReason.MalformedJson);

    [Fact]
    public void invalid_utf8_is_refused_as_malformed()
    {
        var bytes = Encoding.UTF8.GetBytes(Clock(msgId: "XX")).ToArray();
        var at = Array.IndexOf(bytes, (byte)'X');
        (bytes[at], bytes[at + 1]) = (0xC3, 0x28);
        AssertRejected(_parser.Parse(StatusTopic(), bytes), RejectReason.MalformedJson);
    }

    [Theory]
    [InlineData("""{"ts":"2026-06-07T08:59:58+08:00","kind":"clock","data":{"offsetMs":1,"synced":true,"source":"bds"}}""", RejectReason.MsgIdInvalid)]
    [InlineData("""{"msgId":"","ts":"2026-06-07T08:59:58+08:00","kind":"clock","data":{}}""", RejectReason.MsgIdInvalid)]
    [InlineData("""{"msgId":"m","kind":"clock","data":{"offsetMs":1,"synced":true,"source":"bds"}}""", RejectReason.MissingField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","data":{}}""", RejectReason.MissingField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","kind":"clock"}""", RejectReason.MissingField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","kind":"clock","data":{"synced":true,"source":"bds"}}""", RejectReason.MissingField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","kind":"toaster","data":{}}""", RejectReason.UnknownKind)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","kind":"clock","room":"15","data":{"offsetMs":1,"synced":true,"source":"bds"}}""", RejectReason.RoomInvalid)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07 08:59:58","kind":"clock","data":{"offsetMs":1,"synced":true,"source":"bds"}}""", RejectReason.InvalidField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58","kind":"clock","data":{"offsetMs":1,"synced":true,"source":"bds"}}""", RejectReason.InvalidField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T09:30:00+08:00","kind":"clock","data":{"offsetMs":1,"synced":true,"source":"bds"}}""", RejectReason.FutureTimestamp)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","kind":"clock","data":{"offsetMs":"12","synced":true,"source":"bds"}}""", RejectReason.InvalidField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","kind":"clock","data":{"offsetMs":1,"synced":true,"source":"sundial"}}""", RejectReason.InvalidField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","kind":"clock","data":[1]}""", RejectReason.InvalidField)]
    [InlineData("""{"msgId":7,"ts":"2026-06-07T08:59:58+08:00","kind":"clock","data":{}}""", RejectReason.InvalidField)]
    [InlineData("""{"msgId":"m","ts":"2026-06-07T08:59:58+08:00","kind":"clock","deviceId":"other","data":{"offsetMs":1,"synced":true,"source":"bds"}}""", RejectReason.InvalidField)]
    public void each_envelope_problem_has_its_own_reason(string json, RejectReason reason) =>
        AssertRejected(Parse(StatusTopic(), json), reason);

    [Theory]
    [InlineData("metal_detector", """{"ready":true,"batteryPct":130}""", RejectReason.InvalidField)]
    [InlineData("camera", """{"online":true,"recording":true,"streamUrl":"file:///etc/passwd"}""", RejectReason.InvalidField)]
    [InlineData("camera", """{"online":true}""", RejectReason.MissingField)]
    [InlineData("jammer", """{"fault":null}""", RejectReason.MissingField)]
    [InlineData("vault_door", """{"closed":true}""", RejectReason.MissingField)]
    [InlineData("id_reader", """{"ready":"yes"}""", RejectReason.InvalidField)]
    public void status_data_is_checked_per_kind(string kind, string data, RejectReason reason) =>
        AssertRejected(Parse(StatusTopic("d1"), $$"""{"msgId":"m","ts":"{{Ts}}","kind":"{{kind}}","data":{{data}}}"""), reason);

    [Theory]
    [InlineData("jammer", """{"type":"exploded"}""", RejectReason.UnknownEventType)]
    [InlineData("id_reader", """{"type":"verify","ticket":"26430102015001"}""", RejectReason.MissingField)]
    [InlineData("id_reader", """{"type":"verify","ticket":"26430102015001","result":"maybe"}""", RejectReason.InvalidField)]
    [InlineData("id_reader", """{"type":"verify","ticket":"26430102015001","result":"match","score":1.5}""", RejectReason.InvalidField)]
    [InlineData("id_reader", """{"type":"verify","ticket":"123456789012345678901234567890123","result":"match"}""", RejectReason.InvalidField)]
    [InlineData("camera", """{"detail":"no type"}""", RejectReason.MissingField)]
    public void event_data_is_checked_per_kind(string kind, string data, RejectReason reason) =>
        AssertRejected(Parse(EdgeTopics.DeviceEvent(Site, "d1"), $$"""{"msgId":"m","ts":"{{Ts}}","kind":"{{kind}}","data":{{data}}}"""), reason);

    [Fact]
    public void a_batch_keeps_its_good_items_and_rejects_the_bad_ones_alone()
    {
        var json = $$"""
            {"items":[
              {{Item("r015-clock", "clock", """{"offsetMs":3,"synced":true,"source":"ntp"}""", "a")}},
              {{Item("r015-jammer", "toaster", "{}", "b")}},
              {{Item("r015-jam", "jammer", """{"type":"fault","detail":"antenna"}""", "c")}}
            ]}
            """;
        var result = Parse(EdgeTopics.Batch(Site), json);

        var message = Assert.IsType<DeviceMessage>(result.Message);
        Assert.Equal(["a", "c"], message.Readings.Select(r => r.MsgId));
        Assert.Equal(ReadingType.Event, message.Readings[1].Type);
        Assert.Equal(RejectReason.UnknownKind, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void batch_items_need_a_device_id() =>
        AssertRejected(Parse(EdgeTopics.Batch(Site), $$"""{"items":[{{Clock()}}]}"""), RejectReason.MissingField);

    [Fact]
    public void an_empty_batch_is_refused() => AssertRejected(Parse(EdgeTopics.Batch(Site), """{"items":[]}"""), RejectReason.BatchEmpty);

    [Fact]
    public void a_batch_over_the_limit_is_refused()
    {
        var items = string.Join(",", Enumerable.Range(0, 4).Select(i => Item($"d{i}", "id_reader", """{"ready":true}""", $"m{i}")));
        AssertRejected(Parse(EdgeTopics.Batch(Site), $$"""{"items":[{{items}}]}"""), RejectReason.BatchTooLarge);
    }

    [Fact]
    public void presence_carries_the_inventory_and_drops_bad_devices_alone()
    {
        var json = """
            {"state":"online","agentVersion":"1.2","ts":"2026-06-07T08:00:00+08:00","devices":[
              {"id":"r015-clock","kind":"clock","room":"015"},
              {"id":"vault-door","kind":"vault_door"},
              {"id":"x","kind":"teapot"}]}
            """;
        var result = Parse(EdgeTopics.Agent(Site), json);

        var presence = Assert.IsType<PresenceMessage>(result.Message);
        Assert.True(presence.Online);
        Assert.Equal(["r015-clock", "vault-door"], presence.Devices.Select(d => d.DeviceId));
        Assert.Equal(RejectReason.UnknownKind, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void the_will_is_an_offline_presence()
    {
        var presence = Assert.IsType<PresenceMessage>(Parse(EdgeTopics.Agent(Site), """{"state":"offline"}""").Message);
        Assert.False(presence.Online);
        Assert.Empty(presence.Devices);
    }

    [Fact]
    public void presence_with_an_unknown_state_is_refused() =>
        AssertRejected(Parse(EdgeTopics.Agent(Site), """{"state":"sleepy"}"""), RejectReason.InvalidField);

    [Fact]
    public void custody_events_are_validated()
    {
        var ok = Parse(EdgeTopics.Custody(Site),
            $$"""{"msgId":"c1","ts":"{{Ts}}","bag":"B-2026-0001","action":"handed_over","room":"015","staff":["A1","A2"],"count":30}""");
        var custody = Assert.IsType<CustodyMessage>(ok.Message);
        Assert.Equal(("B-2026-0001", "handed_over", 30), (custody.Bag, custody.Action, custody.Count));

        AssertRejected(Parse(EdgeTopics.Custody(Site), $$"""{"msgId":"c1","ts":"{{Ts}}","bag":"B1","action":"burned"}"""), RejectReason.InvalidField);
        AssertRejected(Parse(EdgeTopics.Custody(Site), $$"""{"msgId":"c1","ts":"{{Ts}}","action":"stored"}"""), RejectReason.MissingField);
        AssertRejected(Parse(EdgeTopics.Custody(Site), $$"""{"msgId":"c1","ts":"{{Ts}}","bag":"B1","action":"stored","count":-1}"""), RejectReason.InvalidField);
    }

    [Fact]
    public void reports_and_acks_are_validated()
    {
        Assert.IsType<ReportMessage>(Parse(EdgeTopics.Report(Site), $$"""{"msgId":"r1","ts":"{{Ts}}","type":"zero","session":"s1","by":"A1"}""").Message);
        AssertRejected(Parse(EdgeTopics.Report(Site), $$"""{"msgId":"r1","ts":"{{Ts}}","type":"gossip"}"""), RejectReason.InvalidField);
        Assert.IsType<CommandAckMessage>(Parse(EdgeTopics.CommandAck(Site), $$"""{"msgId":"cmd1","ts":"{{Ts}}","ok":true}""").Message);
        AssertRejected(Parse(EdgeTopics.CommandAck(Site), $$"""{"msgId":"cmd1","ts":"{{Ts}}"}"""), RejectReason.MissingField);
    }

    [Fact]
    public void every_reason_has_a_distinct_snake_case_name()
    {
        var names = RejectReasons.All.Select(r => r.ToWire()).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("future_timestamp", names);
        Assert.All(names, n => Assert.Matches("^[a-z_]+$", n));
    }

    private static void AssertRejected(ParseResult result, RejectReason reason)
    {
        Assert.Null(result.Message);
        Assert.Equal(reason, Assert.Single(result.Rejections).Reason);
        Assert.DoesNotContain("\"", Assert.Single(result.Rejections).Detail.Replace("'", ""), StringComparison.Ordinal);
    }

    [Fact]
    public void rejection_details_never_echo_the_payload()
    {
        var secret = "430102199001011234";
        var json = $$$"""{"msgId":"m","ts":"{{{Ts}}}","kind":"{{{secret}}}","data":{}}""";
        var result = Parse(StatusTopic(), json);
        Assert.All(result.Rejections, r => Assert.DoesNotContain(secret, r.Detail, StringComparison.Ordinal));
        _ = Encoding.UTF8;
    }
}
