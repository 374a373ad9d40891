using System.Diagnostics;
using System.Globalization;
using CommandCenter.Edge.Checks;
using CommandCenter.Edge.Commands;
using CommandCenter.Edge.Devices;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Mqtt;
using CommandCenter.Edge.Queue;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Bench;

/// <summary>Runs the agent's own forwarder over a queue until it is empty; a subscriber (the center's part) counts what arrives.</summary>
internal static class Forwarding
{
    /// <summary>Records drained, MQTT messages the broker acknowledged, and messages the subscriber received.</summary>
    public static async Task<(TimeSpan Elapsed, long Records, long Messages, long Received)> DrainAsync(
        DurableQueue queue, MqttSettings mqtt, AgentAlerts alerts)
    {
        var port = mqtt.Port;
        var options = Options.Create(new EdgeOptions { SiteId = Payloads.SiteId, Mqtt = mqtt });
        var status = new BrokerStatus();
        var commands = new CommandHandler(options, queue, new SiteBoard(), new ClockState(options, alerts), alerts, TimeProvider.System,
            NullLogger<CommandHandler>.Instance);
        var forwarder = new MqttForwarder(options, queue, new DeviceRegistry(options), commands, status, alerts, TimeProvider.System,
            NullLogger<MqttForwarder>.Instance);

        // The center's side is a C client (mosquitto_sub): an MQTTnet subscriber alone falls behind at this rate.
        long received = 0;
        using var subscriber = Process.Start(new ProcessStartInfo("mosquitto_sub",
            ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-i", "bench-center", "-q", "1", "-t", "cc/v1/site/+/#", "-F", "%t"])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("mosquitto_sub did not start");
        subscriber.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } topic && !topic.EndsWith("/agent", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref received);
            }
        };
        subscriber.BeginOutputReadLine();
        await Task.Delay(500);

        var before = queue.Snapshot();
        var total = before.Kept.Pending + before.Droppable.Pending;
        var clock = Stopwatch.StartNew();
        await forwarder.StartAsync(CancellationToken.None);
        while (queue.Snapshot() is var s && s.Kept.Pending + s.Droppable.Pending > 0)
        {
            await Task.Delay(20);
        }

        var elapsed = clock.Elapsed;
        await forwarder.StopAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var messages = status.Snapshot().Published;
        while (Interlocked.Read(ref received) < messages && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        subscriber.Kill();
        await subscriber.WaitForExitAsync();
        return (elapsed, total, messages, Interlocked.Read(ref received));
    }
}
