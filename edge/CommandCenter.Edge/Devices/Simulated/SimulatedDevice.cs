using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Edge.Devices.Simulated;

/// <summary>A simulated device; rooms get the same five devices as in edge/CommandCenter.Simulator.</summary>
internal sealed record SimulatedDevice(string Id, DeviceKind Kind, string? Room)
{
    public static IReadOnlyList<SimulatedDevice> ForSite(int rooms)
    {
        var devices = new List<SimulatedDevice>(rooms * 5 + 2);
        for (var number = 1; number <= rooms; number++)
        {
            var room = number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            devices.Add(new($"r{room}-clock", DeviceKind.Clock, room));
            devices.Add(new($"r{room}-jammer", DeviceKind.Jammer, room));
            devices.Add(new($"r{room}-md", DeviceKind.MetalDetector, room));
            devices.Add(new($"r{room}-id", DeviceKind.IdReader, room));
            devices.Add(new($"r{room}-cam", DeviceKind.Camera, room));
        }

        devices.Add(new("vault-door", DeviceKind.VaultDoor, null));
        devices.Add(new("gate-id1", DeviceKind.IdReader, null));
        return devices;
    }
}
