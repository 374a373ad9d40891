using CommandCenter.Edge.Checks;
using CommandCenter.Edge.Commands;
using CommandCenter.Edge.Devices;
using CommandCenter.Edge.Mqtt;
using CommandCenter.Edge.Queue;

namespace CommandCenter.Edge.Status;

/// <summary>Everything the site's technician sees: <c>GET /status.json</c>, rendered by <see cref="StatusPage"/> at <c>GET /</c>.</summary>
public sealed record StatusReport(
    string SiteId,
    string AgentVersion,
    DateTimeOffset Now,
    BrokerSnapshot Broker,
    QueueSnapshot Queue,
    PaperSetSwitch? PaperSet,
    IReadOnlyList<Notice> Notices,
    IReadOnlyList<AgentAlert> Alerts,
    string ClockReference,
    ClockReading? Clock,
    IReadOnlyList<CameraProbe> Cameras,
    IReadOnlyList<DeviceView> Devices,
    IReadOnlyDictionary<string, long> RejectionCounts,
    IReadOnlyList<RejectedMessage> Rejections);
