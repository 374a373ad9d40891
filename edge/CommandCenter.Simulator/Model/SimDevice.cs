using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Simulator.Model;

/// <summary>One simulated device; <see cref="Room"/> is null for site-level devices.</summary>
public sealed record SimDevice(string DeviceId, DeviceKind Kind, string? Room);
