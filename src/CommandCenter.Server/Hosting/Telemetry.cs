using CommandCenter.Server.History;
using CommandCenter.Server.Ingest;
using CommandCenter.Server.Push;
using OpenTelemetry.Metrics;

namespace CommandCenter.Server.Hosting;

/// <summary>
/// OpenTelemetry metrics, scraped by Prometheus at <c>/metrics</c>: ingest rate and rejections
/// (CommandCenter.Ingest), push latency (CommandCenter.Push), history writes (CommandCenter.History)
/// and Orleans' own (active grains, calls).
/// </summary>
internal static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PushMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IngestStats.MeterName, PushMetrics.MeterName, HistoryStats.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter());
    }

    public static void MapTelemetry(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
}
