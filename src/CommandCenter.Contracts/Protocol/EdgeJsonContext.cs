using System.Text.Json.Serialization;

namespace CommandCenter.Contracts.Protocol;

/// <summary>Source-generated System.Text.Json metadata for every v1 shape (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 16)]
[JsonSerializable(typeof(Envelope))]
[JsonSerializable(typeof(BatchPayload))]
[JsonSerializable(typeof(PresencePayload))]
[JsonSerializable(typeof(CustodyPayload))]
[JsonSerializable(typeof(ReportPayload))]
[JsonSerializable(typeof(CommandPayload))]
[JsonSerializable(typeof(CommandAckPayload))]
[JsonSerializable(typeof(ClockStatus))]
[JsonSerializable(typeof(JammerStatus))]
[JsonSerializable(typeof(MetalDetectorStatus))]
[JsonSerializable(typeof(IdReaderStatus))]
[JsonSerializable(typeof(CameraStatus))]
[JsonSerializable(typeof(VaultDoorStatus))]
[JsonSerializable(typeof(DeviceEventData))]
public sealed partial class EdgeJsonContext : JsonSerializerContext;
