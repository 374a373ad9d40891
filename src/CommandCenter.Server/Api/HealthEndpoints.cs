using CommandCenter.Server.Ingest;

namespace CommandCenter.Server.Api;

/// <summary>
/// Anonymous health for load balancers and the test harness: 200 once the silo runs (the app has
/// started), ingest is subscribed to the broker and (Redis profile) Redis answers, else 503 with
/// what is missing. InfluxDB is reported but does not make the silo unready: history catches up
/// later, the live view does not need it.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Check).AllowAnonymous();
        app.MapGet("/readyz", Check).AllowAnonymous();
        return app;
    }

    private static IResult Check(IngestReadiness ingest, IHostApplicationLifetime lifetime, IServiceProvider services)
    {
        var started = lifetime.ApplicationStarted.IsCancellationRequested;
        var redis = services.GetService<Hosting.RedisConnection>()?.IsConnected;
        var history = services.GetService<History.HistoryStats>();
        var ready = started && ingest.Subscribed && redis != false;
        var body = new
        {
            status = ready ? "ok" : started ? "degraded" : "starting",
            silo = started,
            ingest = ingest.Subscribed,
            ingestConnections = ingest.SubscribedConnections,
            ingestError = ingest.LastError,
            redis = redis is null ? "not used" : redis.Value ? "ok" : "unreachable",
            influx = history is null ? "not used" : history.LastError is null ? "ok" : $"retrying: {history.LastError}",
            historyBacklog = history?.Backlog,
        };
        return ready ? Results.Ok(body) : Results.Json(body, statusCode: 503);
    }
}
