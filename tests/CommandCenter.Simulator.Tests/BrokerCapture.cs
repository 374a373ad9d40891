using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using MQTTnet;
using MQTTnet.Server;

namespace CommandCenter.Simulator.Tests;

/// <summary>An in-process MQTTnet broker on a free loopback port and a subscriber that parses everything under cc/v1/site/.</summary>
internal sealed class BrokerCapture : IAsyncDisposable
{
    private readonly EdgeMessageParser _parser = new();
    private readonly IMqttClient _subscriber = new MqttClientFactory().CreateMqttClient();
    private MqttServer _server;

    private BrokerCapture(int port)
    {
        Port = port;
        _server = CreateServer(port);
    }

    public int Port { get; }

    public ConcurrentQueue<(string Topic, EdgeMessage Message)> Messages { get; } = new();

    public ConcurrentQueue<(string Topic, Rejection Rejection)> Rejections { get; } = new();

    public static async Task<BrokerCapture> StartAsync()
    {
        var capture = new BrokerCapture(FreePort());
        await capture._server.StartAsync();
        capture._subscriber.ApplicationMessageReceivedAsync += e =>
        {
            var topic = e.ApplicationMessage.Topic;
            var result = capture._parser.Parse(topic, e.ApplicationMessage.Payload.ToArray());
            foreach (var rejection in result.Rejections)
            {
                capture.Rejections.Enqueue((topic, rejection));
            }

            if (result.Message is { } message)
            {
                capture.Messages.Enqueue((topic, message));
            }

            return Task.CompletedTask;
        };
        await capture._subscriber.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", capture.Port)
            .WithClientId("test-subscriber")
            .Build());
        await capture._subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(EdgeTopics.AllSites).Build());
        return capture;
    }

    public async Task RestartServerAsync(TimeSpan downtime)
    {
        await _server.StopAsync(new MqttServerStopOptions());
        _server.Dispose();
        await Task.Delay(downtime);
        _server = CreateServer(Port);
        await _server.StartAsync();
    }

    public async Task<T> WaitForAsync<T>(Func<string, T, bool> match, TimeSpan timeout) where T : EdgeMessage
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (topic, message) in Messages)
            {
                if (message is T typed && match(topic, typed))
                {
                    return typed;
                }
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no matching {typeof(T).Name} within {timeout}");
    }

    public async ValueTask DisposeAsync()
    {
        _subscriber.Dispose();
        await _server.StopAsync(new MqttServerStopOptions());
        _server.Dispose();
    }

    private static MqttServer CreateServer(int port) =>
        new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
