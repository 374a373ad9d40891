using CommandCenter.Abstractions;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Hosting;

namespace CommandCenter.Server.Ingest;

/// <summary>
/// Turns a validated reading into what a grain takes: the device's health from its status, or
/// the state an event implies. Session-aware rules (jammer off during an exam, …) are alarms,
/// not device health, and live in the rules engine.
/// </summary>
internal sealed class DeviceUpdateMapper(IngestOptions options)
{
    public DeviceUpdate Map(DeviceReading reading, DateTimeOffset receivedAt) => new(
        reading.MsgId,
        reading.DeviceId,
        reading.Kind,
        reading.Room,
        reading.Ts,
        receivedAt,
        reading.Type == ReadingType.Event,
        reading.Type == ReadingType.Event ? StateImpliedBy(reading.Kind, reading.Event!.Type) : HealthOf(reading.Status),
        reading.Event?.Type,
        reading.Event?.Ticket,
        // A vault door event names the staff present; they travel as its result for the vault's custody check.
        reading.Event?.Staff is { Count: > 0 } staff && reading.Kind == DeviceKind.VaultDoor ? string.Join(' ', staff) : reading.Event?.Result,
        reading.DataJson);

    public DeviceState HealthOf(object? status) => status switch
    {
        ClockStatus c => c.Synced == true && Math.Abs(c.OffsetMs ?? long.MaxValue) <= options.ClockToleranceMs ? DeviceState.Ok : DeviceState.Fault,
        JammerStatus j => j.Fault is null ? DeviceState.Ok : DeviceState.Fault,
        MetalDetectorStatus m => m.Ready == true && m.BatteryPct >= options.LowBatteryPct ? DeviceState.Ok : DeviceState.Fault,
        IdReaderStatus r => r.Ready == true ? DeviceState.Ok : DeviceState.Fault,
        CameraStatus c => c.Online == true && c.Recording == true ? DeviceState.Ok : DeviceState.Fault,
        VaultDoorStatus => DeviceState.Ok,
        _ => DeviceState.Unknown,
    };

    public static DeviceState? StateImpliedBy(DeviceKind kind, string? eventType) => (kind, eventType) switch
    {
        (DeviceKind.Jammer, "fault") => DeviceState.Fault,
        (DeviceKind.Clock, "stopped") => DeviceState.Fault,
        (DeviceKind.Camera, "tamper" or "frozen" or "offline") => DeviceState.Fault,
        _ => null,
    };
}
