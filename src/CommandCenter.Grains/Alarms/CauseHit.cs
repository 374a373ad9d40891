using CommandCenter.Abstractions.Alarms;

namespace CommandCenter.Grains.Alarms;

/// <summary>
/// A rule's finding: a cause at a place. <see cref="Key"/> identifies the cause within the site (one
/// unclosed alarm per key), e.g. <c>jammer_off/r015-jammer</c>.
/// </summary>
internal sealed record CauseHit(string Cause, string Key, AlarmSeverity Severity, string? Room, string? DeviceId, string? Detail)
{
    public static CauseHit ForDevice(string cause, AlarmSeverity severity, DeviceFacts device, string? detail = null) =>
        new(cause, cause + "/" + device.Id, severity, device.Room, device.Id, detail);
}
