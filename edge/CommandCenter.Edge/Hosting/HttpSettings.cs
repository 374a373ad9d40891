namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge:Http": the local HTTP adapter and the status page.</summary>
public sealed class HttpSettings
{
    /// <summary>Loopback by default: devices on the site LAN need an explicit address.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; set; } = 8780;
}
