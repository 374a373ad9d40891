using System.Reflection;
using System.Text.Json;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Devices;

namespace CommandCenter.Edge.Mqtt;

/// <summary>The retained presence payloads: online with the inventory, and the offline will.</summary>
public static class Presence
{
    public static string AgentVersion { get; } =
        (typeof(Presence).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public static byte[] Offline { get; } =
        JsonSerializer.SerializeToUtf8Bytes(new PresencePayload { State = "offline" }, EdgeJsonContext.Default.PresencePayload);

    public static byte[] Online(IReadOnlyList<DeviceEntry> devices, DateTimeOffset now, TimeZoneInfo zone) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new PresencePayload
            {
                State = "online",
                AgentVersion = "cc-edge-" + AgentVersion,
                Ts = Identifiers.FormatTimestamp(TimeZoneInfo.ConvertTime(now, zone)),
                Devices = devices.Select(d => new PresenceDevice { Id = d.Id, Kind = d.Kind.ToWire(), Room = d.Room }).ToList(),
            },
            EdgeJsonContext.Default.PresencePayload);
}
