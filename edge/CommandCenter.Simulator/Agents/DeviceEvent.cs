using CommandCenter.Simulator.Model;

namespace CommandCenter.Simulator.Agents;

/// <summary>An event a fault makes a device report, e.g. a jammer's <c>fault</c> with detail <c>antenna</c>.</summary>
internal readonly record struct DeviceEvent(SimDevice Device, string Type, string? Detail = null);
