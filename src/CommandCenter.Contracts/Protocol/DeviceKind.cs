namespace CommandCenter.Contracts.Protocol;

/// <summary>The device kinds of protocol v1. Wire names are in <see cref="DeviceKinds"/>.</summary>
public enum DeviceKind
{
    /// <summary>Standard electronic clock (考场电子挂钟).</summary>
    Clock,
    /// <summary>Radio signal jammer (屏蔽仪).</summary>
    Jammer,
    /// <summary>Metal detector or security gate (金属探测仪).</summary>
    MetalDetector,
    /// <summary>Identity reader (身份验证).</summary>
    IdReader,
    /// <summary>Camera (视频监控).</summary>
    Camera,
    /// <summary>Vault door sensor (保密室门).</summary>
    VaultDoor,
}

/// <summary>Wire names of <see cref="DeviceKind"/>.</summary>
public static class DeviceKinds
{
    /// <summary>Every kind, in a stable order.</summary>
    public static IReadOnlyList<DeviceKind> All { get; } = Enum.GetValues<DeviceKind>();

    /// <summary>The wire name, e.g. <c>metal_detector</c>.</summary>
    public static string ToWire(this DeviceKind kind) => kind switch
    {
        DeviceKind.Clock => "clock",
        DeviceKind.Jammer => "jammer",
        DeviceKind.MetalDetector => "metal_detector",
        DeviceKind.IdReader => "id_reader",
        DeviceKind.Camera => "camera",
        DeviceKind.VaultDoor => "vault_door",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads a wire name; false for anything v1 does not define.</summary>
    public static bool TryParse(string? wire, out DeviceKind kind)
    {
        DeviceKind? found = wire switch
        {
            "clock" => DeviceKind.Clock,
            "jammer" => DeviceKind.Jammer,
            "metal_detector" => DeviceKind.MetalDetector,
            "id_reader" => DeviceKind.IdReader,
            "camera" => DeviceKind.Camera,
            "vault_door" => DeviceKind.VaultDoor,
            _ => null,
        };
        kind = found.GetValueOrDefault();
        return found.HasValue;
    }
}
