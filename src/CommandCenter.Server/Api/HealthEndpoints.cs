using CommandCenter.Server.Ingest;

namespace CommandCenter.Server.Api;

/// <summary>Anonymous liveness for load balancers and the test harness.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // 200 once the silo runs (the app has started) and ingest is subscribed to the broker.
        app.MapGet("/healthz", (IngestReadiness ingest, IHostApplicationLifetime lifetime) =>
        {
            var started = lifetime.ApplicationStarted.IsCancellationRequested;
            var body = new { status = started && ingest.Subscribed ? "ok" : "starting", silo = started, ingest = ingest.Subscribed, ingestError = ingest.LastError };
            return started && ingest.Subscribed ? Results.Ok(body) : Results.Json(body, statusCode: 503);
        }).AllowAnonymous();
        return app;
    }
}
