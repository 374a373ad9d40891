using Microsoft.Extensions.Configuration;
using MQTTnet.Formatter;

namespace CommandCenter.Simulator.Tests;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void options_bind_from_the_simulation_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Simulation:Mode"] = "Province",
                ["Simulation:Seed"] = "7",
                ["Simulation:RoomsPerSite"] = "12",
                ["Simulation:StatusInterval"] = "00:00:05",
                ["Simulation:IdChecksPerSecond"] = "250.5",
                ["Simulation:BrokerHost"] = "mqtt.local",
                ["Simulation:BrokerPort"] = "1884",
                ["Simulation:User"] = "sim",
                ["Simulation:ProtocolVersion"] = "V311",
                ["Simulation:StartupSpread"] = "00:00:30",
            })
            .Build();

        var options = configuration.GetSection(SimulationOptions.SectionName).Get<SimulationOptions>()!;

        Assert.Equal(SimulationMode.Province, options.Mode);
        Assert.Equal(7, options.Seed);
        Assert.Null(options.SitesPerCounty);
        Assert.Equal(12, options.EffectiveRoomsPerSite);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StatusInterval);
        Assert.Equal(250.5, options.EffectiveIdChecksPerSecond);
        Assert.Equal(60, options.EffectiveFaultsPerMinute);
        Assert.Equal(("mqtt.local", 1884, "sim"), (options.BrokerHost, options.BrokerPort, options.User));
        Assert.Equal(MqttProtocolVersion.V311, options.ProtocolVersion);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StartupSpread);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void defaults_are_an_idle_simulation_against_a_local_broker()
    {
        var options = new SimulationOptions();

        Assert.Equal(SimulationMode.Off, options.Mode);
        Assert.Equal(2026, options.Seed);
        Assert.Equal(TimeSpan.FromSeconds(10), options.StatusInterval);
        Assert.Equal(2, options.AgentDropoutsPerHour);
        Assert.Equal(("127.0.0.1", 1883), (options.BrokerHost, options.BrokerPort));
        Assert.Equal(TimeSpan.FromSeconds(2), options.StartupSpread);
        Assert.Equal(MqttProtocolVersion.V500, options.ProtocolVersion);
    }

    [Fact]
    public void bad_settings_are_each_named()
    {
        var options = new SimulationOptions
        {
            SitesPerCounty = 100,
            StatusInterval = TimeSpan.FromMilliseconds(10),
            FaultsPerMinute = -1,
            BrokerPort = 0,
            StatusQos = 2,
        };

        Assert.Equal(5, options.Validate().Count);
    }

    [Fact]
    public void province_default_rates_follow_the_mode()
    {
        var small = new SimulationOptions { Mode = SimulationMode.Small };
        var province = new SimulationOptions { Mode = SimulationMode.Province };

        Assert.Equal((5d, 6d, 8), (small.EffectiveIdChecksPerSecond, small.EffectiveFaultsPerMinute, small.EffectiveRoomsPerSite));
        Assert.Equal((1000d, 60d, 50), (province.EffectiveIdChecksPerSecond, province.EffectiveFaultsPerMinute, province.EffectiveRoomsPerSite));
        Assert.Empty(province.Validate());
    }
}
