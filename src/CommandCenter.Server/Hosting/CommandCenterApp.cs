using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Hosting;

/// <summary>Builds the application; Program and the end-to-end tests share it.</summary>
public static class CommandCenterApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Named explicitly: in tests the entry assembly is the test host, and the static web assets
        // manifest (blazor.web.js, wwwroot, the npm libraries) is found by the application's name.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(CommandCenterApp).Assembly.GetName().Name,
        });
        // Serve wwwroot, the npm libraries and blazor.web.js from the build output too (tests, `dotnet <dll>`);
        // a no-op for a published app, which has them in its own wwwroot.
        builder.WebHost.UseStaticWebAssets();
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
