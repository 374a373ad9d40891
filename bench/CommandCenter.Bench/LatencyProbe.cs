using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CommandCenter.Contracts.Protocol;
using Microsoft.AspNetCore.SignalR.Client;
using MQTTnet;

namespace CommandCenter.Bench;

/// <summary>
/// Measures publish → SignalR: publishes a probe clock status with a unique offset into a room of a
/// watched site and times its arrival in a <c>changes</c> push. The probe device is its own, so
/// the simulation's regular statuses never overwrite a probe before it is pushed.
/// </summary>
internal sealed class LatencyProbe(Uri server, string token, int mqttPort, IReadOnlyList<string> sites) : IAsyncDisposable
{
    private const string ProbeDevice = "bench-probe-clock";
    private readonly ConcurrentDictionary<long, long> _sent = new();
    private readonly ConcurrentBag<double> _latenciesMs = [];
    private readonly IMqttClient _mqtt = new MqttClientFactory().CreateMqttClient();
    private HubConnection? _hub;
    private long _next = 1_000_000;

    public async Task StartAsync()
    {
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/situation"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        _hub.HandshakeTimeout = TimeSpan.FromSeconds(60);
        _hub.On<JsonElement>("changes", OnChanges);
        _hub.Closed += error =>
        {
            Console.Error.WriteLine($"probe: SignalR connection closed at {DateTime.UtcNow:HH:mm:ss.fff}: {error?.GetType().Name} {error?.Message}");
            return Task.CompletedTask;
        };
        await _hub.StartAsync();
        foreach (var site in sites)
        {
            await _hub.InvokeAsync<JsonElement>("SubscribeSite", site);
        }

        // The broker may be busy with 400 agents (re)connecting at once: give it time, retry.
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort)
            .WithClientId($"bench-probe-{Guid.NewGuid():N}").WithTimeout(TimeSpan.FromSeconds(30)).Build();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _mqtt.ConnectAsync(options);
                return;
            }
            catch (Exception) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    public int Sent => _sent.Count + _latenciesMs.Count;

    public async Task RunAsync(int perSecond, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(1.0 / perSecond);
        using var timer = new PeriodicTimer(period);
        var i = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var site = sites[i++ % sites.Count];
                var value = Interlocked.Increment(ref _next);
                var json = $$$"""{"msgId":"probe-{{{value}}}","ts":"{{{Identifiers.FormatTimestamp(DateTimeOffset.UtcNow)}}}","kind":"clock","room":"001","data":{"offsetMs":{{{value}}},"synced":true,"source":"bds"}}""";
                _sent[value] = Stopwatch.GetTimestamp();
                await _mqtt.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(EdgeTopics.DeviceStatus(site, ProbeDevice))
                    .WithPayload(Encoding.UTF8.GetBytes(json))
                    .Build(), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Latencies so far, and how many probes never arrived; resets both.</summary>
    public (List<double> LatenciesMs, int Lost) Take(TimeSpan grace)
    {
        var latencies = new List<double>();
        while (_latenciesMs.TryTake(out var ms))
        {
            latencies.Add(ms);
        }

        var cutoff = Stopwatch.GetTimestamp() - (long)(grace.TotalSeconds * Stopwatch.Frequency);
        var lost = 0;
        foreach (var (value, sentAt) in _sent)
        {
            if (sentAt < cutoff && _sent.TryRemove(value, out _))
            {
                lost++;
            }
        }

        return (latencies, lost);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        _mqtt.Dispose();
    }

    private void OnChanges(JsonElement changes)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var site in changes.GetProperty("sites").EnumerateArray())
        {
            foreach (var device in site.GetProperty("devices").EnumerateArray())
            {
                if (device.GetProperty("id").GetString() == ProbeDevice
                    && device.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && _sent.TryRemove(data.GetProperty("offsetMs").GetInt64(), out var sentAt))
                {
                    _latenciesMs.Add(Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
                }
            }
        }
    }
}
