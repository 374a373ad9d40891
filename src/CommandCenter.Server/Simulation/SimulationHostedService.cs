using CommandCenter.Regions;
using CommandCenter.Server.Broker;
using CommandCenter.Server.Dashboard;
using CommandCenter.Server.Hosting;
using CommandCenter.Simulator;
using CommandCenter.Simulator.Model;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Simulation;

/// <summary>
/// The built-in exam-day simulation (--Simulation:Mode=Small|Province): simulated site agents
/// that publish to this command center's broker like real ones, over MQTT.
/// </summary>
public sealed class SimulationHostedService(
    IOptions<SimulationOptions> simulation,
    IOptions<MqttOptions> mqtt,
    EmbeddedBrokerReady brokerReady,
    RegionCatalog catalog,
    SiteDirectory directory,
    ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = simulation.Value;
        if (options.Mode == SimulationMode.Off)
        {
            return;
        }

        await brokerReady.WaitAsync(stoppingToken);
        options.BrokerHost = mqtt.Value.Host;
        options.BrokerPort = mqtt.Value.Port;
        options.User ??= mqtt.Value.User;
        options.Password ??= mqtt.Value.Password;
        var model = ProvinceModel.Build(catalog, options);
        directory.Register(model.Sites.Select(s => new SiteInfo(s.SiteId, s.Name, s.Location.Lat, s.Location.Lon, Approximate: false)));
        var logger = loggers.CreateLogger<SimulationHostedService>();
        logger.LogInformation("Simulating {Sites} sites, {Rooms} rooms ({Mode})",
            model.Sites.Count, model.Sites.Sum(s => s.Rooms.Count), options.Mode);
        var run = new ProvinceSimulation(model, options, TimeProvider.System, loggers);
        await run.RunAsync(stoppingToken);
    }
}
