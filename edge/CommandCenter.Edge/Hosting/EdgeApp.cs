using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CommandCenter.Edge.Hosting;

/// <summary>
/// Builds the agent. Configuration, later ones winning: appsettings.json beside the program, the site's
/// file (<c>--config PATH</c> or <c>CC_EDGE_CONFIG</c>), environment variables, the command line.
/// </summary>
public static class EdgeApp
{
    public const string ConfigFileVariable = "CC_EDGE_CONFIG";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var siteFile = builder.Configuration["config"] ?? Environment.GetEnvironmentVariable(ConfigFileVariable);
        if (!string.IsNullOrWhiteSpace(siteFile))
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(siteFile), optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(args);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        });
        builder.AddEdgeAgent();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapEdgeAgent();
        return app;
    }

    /// <summary>Where Kestrel actually listens (useful with port 0).</summary>
    public static IReadOnlyList<string> Urls(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
