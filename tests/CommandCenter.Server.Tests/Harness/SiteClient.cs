using System.Text;
using CommandCenter.Contracts.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Server.Tests.Harness;

/// <summary>A minimal site agent over MQTTnet: client id <c>site-{siteId}</c>, retained will, JSON publishing.</summary>
public sealed class SiteClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private int _sequence;
    private bool _dropped;

    private SiteClient(string siteId) => SiteId = siteId;

    public string SiteId { get; }

    public static async Task<SiteClient> ConnectAsync(int port, string siteId, string? clientId = null)
    {
        var site = new SiteClient(siteId);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? $"site-{siteId}")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithWillTopic(EdgeTopics.Agent(siteId))
            .WithWillPayload("""{"state":"offline"}""")
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await site._client.ConnectAsync(options);
        return site;
    }

    public string NextMsgId() => $"{SiteId}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}"[..40];

    public static string Now() => Identifiers.FormatTimestamp(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)));

    public Task Publish(string topic, string json, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(json))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

    public Task Announce(params (string Id, string Kind, string? Room)[] devices)
    {
        var list = string.Join(",", devices.Select(d => d.Room is null
            ? $$"""{"id":"{{d.Id}}","kind":"{{d.Kind}}"}"""
            : $$"""{"id":"{{d.Id}}","kind":"{{d.Kind}}","room":"{{d.Room}}"}"""));
        return Publish(EdgeTopics.Agent(SiteId), $$"""{"state":"online","agentVersion":"test-1","ts":"{{Now()}}","devices":[{{list}}]}""", retain: true);
    }

    public Task Status(string deviceId, string kind, string room, string data, string? msgId = null) =>
        Publish(EdgeTopics.DeviceStatus(SiteId, deviceId),
            $$"""{"msgId":"{{msgId ?? NextMsgId()}}","ts":"{{Now()}}","kind":"{{kind}}","room":"{{room}}","data":{{data}}}""");

    public Task Event(string deviceId, string kind, string room, string data, string? msgId = null) =>
        Publish(EdgeTopics.DeviceEvent(SiteId, deviceId),
            $$"""{"msgId":"{{msgId ?? NextMsgId()}}","ts":"{{Now()}}","kind":"{{kind}}","room":"{{room}}","data":{{data}}}""");

    public Task Batch(params (string DeviceId, string Kind, string Room, string Data)[] items) =>
        Publish(EdgeTopics.Batch(SiteId), $$"""{"items":[{{string.Join(",", items.Select(i =>
            $$"""{"msgId":"{{NextMsgId()}}","ts":"{{Now()}}","kind":"{{i.Kind}}","room":"{{i.Room}}","deviceId":"{{i.DeviceId}}","data":{{i.Data}}}"""))}}]}""");

    /// <summary>Leaves as a crashed agent would, without DISCONNECT: the broker publishes the will.</summary>
    public Task DropWithWill()
    {
        _dropped = true;
        _client.Dispose();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dropped)
        {
            return;
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
