using CommandCenter.Edge.Checks;
using CommandCenter.Edge.Commands;
using CommandCenter.Edge.Devices;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Mqtt;
using CommandCenter.Edge.Queue;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Status;

/// <summary>Gathers the <see cref="StatusReport"/> from the agent's parts.</summary>
public sealed class StatusReporter(
    IOptions<EdgeOptions> options,
    BrokerStatus broker,
    DurableQueue queue,
    SiteBoard board,
    AgentAlerts alerts,
    ClockState clock,
    CameraProbes cameras,
    DeviceRegistry registry,
    RejectionLog rejections,
    TimeProvider time)
{
    public StatusReport Report()
    {
        var settings = options.Value;
        var reference = settings.Clock.Reference == "ntp" ? $"NTP server {settings.Clock.NtpServer}" : "the center's time_reference command";
        return new StatusReport(
            settings.SiteId,
            Presence.AgentVersion,
            time.GetUtcNow(),
            broker.Snapshot(),
            queue.Snapshot(),
            board.PaperSet,
            board.Notices(),
            alerts.Recent(),
            reference,
            clock.Latest,
            cameras.All(),
            registry.Views(),
            rejections.Counts(),
            rejections.Recent());
    }
}
