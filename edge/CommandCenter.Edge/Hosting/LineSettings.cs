namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge:Line": the line-based adapter (one JSON object per line) over TCP or a serial device.</summary>
public sealed class LineSettings
{
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0: no TCP listener.</summary>
    public int Port { get; set; }

    /// <summary>A serial device such as /dev/ttyUSB0 (line settings made with stty beforehand); empty: none.</summary>
    public string? SerialDevice { get; set; }
}
