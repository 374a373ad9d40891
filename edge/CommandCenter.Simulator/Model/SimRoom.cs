using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Simulator.Model;

/// <summary>An exam room with its five devices, in the order clock, jammer, metal detector, id reader, camera.</summary>
public sealed record SimRoom(string Room, int Candidates, IReadOnlyList<SimDevice> Devices)
{
    public SimDevice Clock => Devices[0];

    public SimDevice Jammer => Devices[1];

    public SimDevice MetalDetector => Devices[2];

    public SimDevice IdReader => Devices[3];

    public SimDevice Camera => Devices[4];

    public static SimRoom Create(int number, int candidates)
    {
        var room = number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var prefix = "r" + room;
        return new SimRoom(room, candidates,
        [
            new SimDevice(prefix + "-clock", DeviceKind.Clock, room),
            new SimDevice(prefix + "-jammer", DeviceKind.Jammer, room),
            new SimDevice(prefix + "-md", DeviceKind.MetalDetector, room),
            new SimDevice(prefix + "-id", DeviceKind.IdReader, room),
            new SimDevice(prefix + "-cam", DeviceKind.Camera, room),
        ]);
    }
}
