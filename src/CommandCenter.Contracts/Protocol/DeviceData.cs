namespace CommandCenter.Contracts.Protocol;

// Status `data` per kind and the common event `data`. Numbers are nullable so that a missing
// field is told apart from a zero.

/// <summary>Clock status: offset against the reference and how it is synchronised.</summary>
public sealed class ClockStatus
{
    /// <summary>Device time minus reference time, in milliseconds.</summary>
    public long? OffsetMs { get; set; }

    /// <summary>Whether the clock is synchronised to its source.</summary>
    public bool? Synced { get; set; }

    /// <summary><c>bds</c>, <c>gps</c>, <c>ntp</c> or <c>manual</c>.</summary>
    public string? Source { get; set; }
}

/// <summary>Jammer status.</summary>
public sealed class JammerStatus
{
    /// <summary>Whether it is jamming.</summary>
    public bool? On { get; set; }

    /// <summary>Fault text, or null when healthy.</summary>
    public string? Fault { get; set; }
}

/// <summary>Metal detector status.</summary>
public sealed class MetalDetectorStatus
{
    /// <summary>Whether it is ready for use.</summary>
    public bool? Ready { get; set; }

    /// <summary>Battery level, 0 to 100.</summary>
    public int? BatteryPct { get; set; }
}

/// <summary>Identity reader status.</summary>
public sealed class IdReaderStatus
{
    /// <summary>Whether it is ready for use.</summary>
    public bool? Ready { get; set; }
}

/// <summary>Camera status.</summary>
public sealed class CameraStatus
{
    /// <summary>Whether the camera answers.</summary>
    public bool? Online { get; set; }

    /// <summary>Whether it is recording.</summary>
    public bool? Recording { get; set; }

    /// <summary>rtsp or http URL of its stream.</summary>
    public string? StreamUrl { get; set; }

    /// <summary>Frames per second.</summary>
    public double? Fps { get; set; }
}

/// <summary>Vault door status.</summary>
public sealed class VaultDoorStatus
{
    /// <summary>Whether the door is closed.</summary>
    public bool? Closed { get; set; }

    /// <summary>Whether the door is locked.</summary>
    public bool? Locked { get; set; }
}

/// <summary>Event data: <c>type</c> always, the rest depending on kind and type.</summary>
public sealed class DeviceEventData
{
    /// <summary>Event type, e.g. <c>verify</c>, <c>fault</c>, <c>stopped</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Free text (jammer fault).</summary>
    public string? Detail { get; set; }

    /// <summary>Admission ticket number (准考证号); never an ID-card number.</summary>
    public string? Ticket { get; set; }

    /// <summary>Identity check result: match, mismatch, unregistered, unreadable.</summary>
    public string? Result { get; set; }

    /// <summary>Identity match score, 0 to 1.</summary>
    public double? Score { get; set; }

    /// <summary>Staff numbers (vault door events).</summary>
    public List<string>? Staff { get; set; }
}
