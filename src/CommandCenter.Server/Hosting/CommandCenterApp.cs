using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Hosting;

/// <summary>Builds the application; Program and the end-to-end tests share it.</summary>
public static class CommandCenterApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCommandCenter();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapCommandCenter();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceUrls(app));
        return app;
    }

    /// <summary>The HTTP addresses Kestrel actually listens on (useful with port 0).</summary>
    public static IReadOnlyList<string> Urls(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static void AnnounceUrls(WebApplication app)
    {
        var mqtt = app.Services.GetRequiredService<IOptions<MqttOptions>>().Value;
        var simulation = app.Configuration["Simulation:Mode"] ?? "off";
        foreach (var url in Urls(app))
        {
            Console.WriteLine($"Command center ready: dashboard {url}/  (MQTT {mqtt.Mode} {mqtt.Host}:{mqtt.Port}, simulation {simulation})");
        }
    }
}
