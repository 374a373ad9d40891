using System.Buffers;
using System.Collections.Concurrent;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Edge.Tests.Harness;

/// <summary>
/// Stands in for the center: a persistent-session subscriber to <c>cc/v1/site/+/#</c> that reconnects on
/// its own, parses everything with the center's parser and records what arrived, in arrival order.
/// </summary>
internal sealed class CenterSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly EdgeMessageParser _parser = new();
    private readonly MqttClientOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reconnect;

    private CenterSubscriber(int port)
    {
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("center-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanSession(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            var payload = message.Payload.ToArray();
            Received.Enqueue((message.Topic, payload, message.Retain));
            var result = _parser.Parse(message.Topic, payload);
            foreach (var rejection in result.Rejections)
            {
                Rejections.Enqueue($"{message.Topic}: {rejection}");
            }

            if (result.Message is { } parsed)
            {
                Messages.Enqueue((message.Topic, parsed));
            }

            return Task.CompletedTask;
        };
        _reconnect = Task.Run(ReconnectLoopAsync);
    }

    public ConcurrentQueue<(string Topic, byte[] Payload, bool Retained)> Received { get; } = new();

    public ConcurrentQueue<(string Topic, EdgeMessage Message)> Messages { get; } = new();

    public ConcurrentQueue<string> Rejections { get; } = new();

    /// <summary>Events in arrival order (duplicates included).</summary>
    public IReadOnlyList<DeviceReading> Events =>
        Messages.Select(m => m.Message).OfType<DeviceMessage>().SelectMany(m => m.Readings).Where(r => r.Type == ReadingType.Event).ToList();

    public static async Task<CenterSubscriber> ConnectAsync(int port)
    {
        var subscriber = new CenterSubscriber(port);
        await Poll.UntilAsync(() => subscriber._client.IsConnected, TimeSpan.FromSeconds(10), "the test subscriber to connect");
        return subscriber;
    }

    public async Task PublishAsync(string topic, string payload) =>
        await _client.PublishAsync(new MqttApplicationMessage
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(payload)),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reconnect;
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ReconnectLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                try
                {
                    await _client.ConnectAsync(_options, _stop.Token);
                    await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter(EdgeTopics.AllSites, MqttQualityOfServiceLevel.AtLeastOnce).Build(), _stop.Token);
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // The broker is down on purpose in some tests: try again shortly.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
