namespace CommandCenter.Edge.Devices;

/// <summary>One message refused locally, as the status page lists it (never the payload itself).</summary>
public sealed record RejectedMessage(DateTimeOffset At, string Adapter, string? DeviceId, string Reason, string Detail);
