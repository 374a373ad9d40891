using MQTTnet.Formatter;

namespace CommandCenter.Simulator;

/// <summary>
/// Settings of the simulated exam day, bound from the "Simulation" configuration section.
/// Sizes and rates left null take the value of the <see cref="Mode"/>.
/// </summary>
public sealed class SimulationOptions
{
    public const string SectionName = "Simulation";

    /// <summary>Sites of the Province mode when <see cref="SitesPerCounty"/> is null.</summary>
    public const int ProvinceSiteTarget = 400;

    public SimulationMode Mode { get; set; } = SimulationMode.Off;

    public int Seed { get; set; } = 2026;

    /// <summary>Null: Small 1; Province spreads <see cref="ProvinceSiteTarget"/> sites over the counties (3–4 each).</summary>
    public int? SitesPerCounty { get; set; }

    /// <summary>Null: Small 8, Province 50.</summary>
    public int? RoomsPerSite { get; set; }

    public int CandidatesPerRoom { get; set; } = 30;

    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Province-wide identity checks per second. Null: Small 5, Province 1000.</summary>
    public double? IdChecksPerSecond { get; set; }

    /// <summary>Province-wide jammer, clock and camera faults per minute. Null: Small 6, Province 60.</summary>
    public double? FaultsPerMinute { get; set; }

    public double AgentDropoutsPerHour { get; set; } = 2;

    public string BrokerHost { get; set; } = "127.0.0.1";

    public int BrokerPort { get; set; } = 1883;

    public string? User { get; set; }

    public string? Password { get; set; }

    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    /// <summary>QoS of the periodic status batches and probes: 0 or 1 (events are always QoS 1).</summary>
    public int StatusQos { get; set; }

    /// <summary>Agents connect spread over this span instead of all at once.</summary>
    public TimeSpan StartupSpread { get; set; } = TimeSpan.FromSeconds(2);

    public int EffectiveRoomsPerSite => RoomsPerSite ?? (Mode == SimulationMode.Province ? 50 : 8);

    public double EffectiveIdChecksPerSecond => IdChecksPerSecond ?? (Mode == SimulationMode.Province ? 1000 : 5);

    public double EffectiveFaultsPerMinute => FaultsPerMinute ?? (Mode == SimulationMode.Province ? 60 : 6);

    /// <summary>Every problem with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SitesPerCounty is < 1 or > 99)
        {
            problems.Add("SitesPerCounty must be 1-99 (the site number has two digits)");
        }

        if (RoomsPerSite is < 1 or > 999)
        {
            problems.Add("RoomsPerSite must be 1-999 (rooms have three digits)");
        }

        if (CandidatesPerRoom is < 1 or > 99)
        {
            problems.Add("CandidatesPerRoom must be 1-99");
        }

        if (StatusInterval < TimeSpan.FromMilliseconds(100))
        {
            problems.Add("StatusInterval must be at least 100 ms");
        }

        if (EffectiveIdChecksPerSecond < 0 || EffectiveFaultsPerMinute < 0 || AgentDropoutsPerHour < 0)
        {
            problems.Add("rates must not be negative");
        }

        if (string.IsNullOrWhiteSpace(BrokerHost) || BrokerPort is < 1 or > 65535)
        {
            problems.Add("BrokerHost and BrokerPort (1-65535) are required");
        }

        if (StatusQos is not (0 or 1))
        {
            problems.Add("StatusQos must be 0 or 1");
        }

        if (StartupSpread < TimeSpan.Zero)
        {
            problems.Add("StartupSpread must not be negative");
        }

        return problems;
    }
}
