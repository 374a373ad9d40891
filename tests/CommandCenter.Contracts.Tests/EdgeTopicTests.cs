using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Contracts.Tests;

public sealed class EdgeTopicTests
{
    [Theory]
    [InlineData("cc/v1/site/43010201/agent", EdgeTopicKind.Agent, null)]
    [InlineData("cc/v1/site/43010201/batch", EdgeTopicKind.Batch, null)]
    [InlineData("cc/v1/site/43010201/custody", EdgeTopicKind.Custody, null)]
    [InlineData("cc/v1/site/43010201/report", EdgeTopicKind.Report, null)]
    [InlineData("cc/v1/site/43010201/command", EdgeTopicKind.Command, null)]
    [InlineData("cc/v1/site/43010201/command/ack", EdgeTopicKind.CommandAck, null)]
    [InlineData("cc/v1/site/43010201/device/r015-clock/status", EdgeTopicKind.DeviceStatus, "r015-clock")]
    [InlineData("cc/v1/site/43010201/device/gate.1/event", EdgeTopicKind.DeviceEvent, "gate.1")]
    public void every_v1_topic_shape_is_recognised(string topic, EdgeTopicKind kind, string? device)
    {
        Assert.True(EdgeTopic.TryParse(topic, out var parsed));
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal("43010201", parsed.SiteId);
        Assert.Equal(device, parsed.DeviceId);
    }

    [Theory]
    [InlineData("cc/v2/site/43010201/agent")]
    [InlineData("cc/v1/site/43010201")]
    [InlineData("cc/v1/site//agent")]
    [InlineData("cc/v1/site/43010201/device/x/y/status")]
    [InlineData("cc/v1/site/43010201/device/x/telemetry")]
    [InlineData("cc/v1/site/43010201/agent/extra")]
    public void other_topics_are_not_v1(string topic) => Assert.False(EdgeTopic.TryParse(topic, out _));

    [Fact]
    public void builders_and_parser_agree()
    {
        Assert.True(EdgeTopic.TryParse(EdgeTopics.DeviceStatus("43010201", "d1"), out var status));
        Assert.Equal(EdgeTopicKind.DeviceStatus, status.Kind);
        Assert.True(EdgeTopic.TryParse(EdgeTopics.CommandAck("43010201"), out var ack));
        Assert.Equal(EdgeTopicKind.CommandAck, ack.Kind);
    }
}
