namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge:Clock": how the agent checks its own clock.</summary>
public sealed class ClockSettings
{
    /// <summary><c>center</c>: the center's time_reference command; <c>ntp</c>: an NTP server.</summary>
    public string Reference { get; set; } = "center";

    public string? NtpServer { get; set; }

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Offsets beyond this are reported as a warning on the status page and in the log.</summary>
    public int ToleranceMs { get; set; } = 500;
}
