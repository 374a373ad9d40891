using CommandCenter.Server.Ingest;

namespace CommandCenter.Server.Api;

/// <summary>
/// Anonymous health for load balancers and the test harness: 200 once the silo runs (the app has
/// started) and ingest is subscribed to the broker, else 503 with what is missing. <c>/readyz</c>
/// answers the same today; the production profile adds Redis and InfluxDB to it.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Check).AllowAnonymous();
        app.MapGet("/readyz", Check).AllowAnonymous();
        return app;
    }

    private static IResult Check(IngestReadiness ingest, IHostApplicationLifetime lifetime)
    {
        var started = lifetime.ApplicationStarted.IsCancellationRequested;
        var ready = started && ingest.Subscribed;
        var body = new
        {
            status = ready ? "ok" : "starting",
            silo = started,
            ingest = ingest.Subscribed,
            ingestConnections = ingest.SubscribedConnections,
            ingestError = ingest.LastError,
        };
        return ready ? Results.Ok(body) : Results.Json(body, statusCode: 503);
    }
}
