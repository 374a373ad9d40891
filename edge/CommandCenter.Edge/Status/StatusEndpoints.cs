namespace CommandCenter.Edge.Status;

/// <summary>The status page, its JSON, and a liveness probe.</summary>
public static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (StatusReporter reporter, TimeProvider time, string? lang) =>
            Results.Content(StatusPage.Render(reporter.Report(), time.LocalTimeZone, StatusLabels.For(lang)), "text/html; charset=utf-8"));
        app.MapGet("/status.json", (StatusReporter reporter) => Results.Json(reporter.Report()));
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
