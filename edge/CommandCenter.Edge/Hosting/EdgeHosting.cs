using System.Net;
using System.Text.Json.Serialization;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Edge.Checks;
using CommandCenter.Edge.Commands;
using CommandCenter.Edge.Devices;
using CommandCenter.Edge.Devices.Http;
using CommandCenter.Edge.Devices.Line;
using CommandCenter.Edge.Devices.Simulated;
using CommandCenter.Edge.Mqtt;
using CommandCenter.Edge.Queue;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Hosting;

/// <summary>The agent's wiring: options, queue, adapters, forwarder, checks, endpoints.</summary>
public static class EdgeHosting
{
    public static WebApplicationBuilder AddEdgeAgent(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EdgeOptions>().Bind(builder.Configuration.GetSection(EdgeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new EdgeMessageParser(new EdgeParserOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EdgeOptions>>().Value;
            return DurableQueue.Open(options.QueueDirectory, options.Queue.MaxBytes, options.Queue.SegmentBytes,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AgentAlerts>());
        });

        services.AddSingleton<AgentAlerts>();
        services.AddSingleton<RejectionLog>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<DeviceInbox>();
        services.AddSingleton<BrokerStatus>();
        services.AddSingleton<SiteBoard>();
        services.AddSingleton<ClockState>();
        services.AddSingleton<CameraProbes>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<StatusReporter>();

        services.AddSingleton<HttpDeviceAdapter>();
        services.AddSingleton<IDeviceAdapter>(sp => sp.GetRequiredService<HttpDeviceAdapter>());
        services.AddSingleton<LineDeviceAdapter>();
        services.AddSingleton<IDeviceAdapter>(sp => sp.GetRequiredService<LineDeviceAdapter>());
        services.AddSingleton<IDeviceAdapter, SimulatedDeviceAdapter>();
        services.AddSingleton<StatusBatcher>();
        services.AddSingleton<CameraProber>();

        // Stopped in reverse order: the forwarder says goodbye first, the batcher flushes last, then the queue closes.
        services.AddHostedService(sp => sp.GetRequiredService<StatusBatcher>());
        services.AddHostedService<AdapterHost>();
        services.AddHostedService<MqttForwarder>();
        services.AddHostedService<ClockMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<CameraProber>());

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        var http = builder.Configuration.GetSection($"{EdgeOptions.Section}:Http");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Bad values are reported by EdgeOptionsValidator; Kestrel just needs something to bind meanwhile.
            var address = IPAddress.TryParse(http["Address"] ?? "127.0.0.1", out var parsed) ? parsed : IPAddress.Loopback;
            var port = int.TryParse(http["Port"], out var number) && number is >= 0 and <= 65535 ? number : new HttpSettings().Port;
            kestrel.Listen(address, port);
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        return builder;
    }

    public static WebApplication MapEdgeAgent(this WebApplication app)
    {
        app.MapDeviceEndpoints();
        app.MapStatusEndpoints();
        return app;
    }
}
