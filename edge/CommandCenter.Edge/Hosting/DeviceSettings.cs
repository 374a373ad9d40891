namespace CommandCenter.Edge.Hosting;

/// <summary>One entry of "Edge:Devices".</summary>
public sealed class DeviceSettings
{
    public string Id { get; set; } = "";

    /// <summary>Wire name: clock, jammer, metal_detector, id_reader, camera, vault_door.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Three digits; empty for site-level devices.</summary>
    public string? Room { get; set; }

    /// <summary>Cameras: the stream the agent probes (rtsp or http).</summary>
    public string? StreamUrl { get; set; }

    /// <summary>Cameras: the agent reports this camera's status from its probes (no vendor adapter does).</summary>
    public bool StatusFromProbe { get; set; }
}
