using CommandCenter.Server.Api;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Reports;

/// <summary>
/// <c>POST /api/v1/sites/{siteId}/reports</c>: a site chief files a zero-report or an incident report for their site
/// (<c>{"type":"zero|incident","session":"…","text":"…","by":"工号"}</c>), as the site's agent would over MQTT.
/// </summary>
public static class SiteReportEndpoints
{
    public sealed record ReportBody(string? Type, string? Session, string? Text, string? By);

    public static IEndpointRouteBuilder MapSiteReportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sites/{siteId}/reports", async (string siteId, ReportBody body, SiteReportDesk desk, HttpContext http) =>
        {
            var result = await desk.Submit(new SiteReportRequest(siteId, body.Type, body.Session, body.Text, body.By),
                AccessScope.Of(http.User), AdminActor.Of(http), http.RequestAborted);
            return result.Outcome switch
            {
                SiteReportOutcome.Accepted => Results.Accepted(value: new { msgId = result.MsgId }),
                SiteReportOutcome.Invalid => Results.ValidationProblem(new Dictionary<string, string[]> { [result.Field!] = [result.Problem!] }),
                SiteReportOutcome.OutOfScope => SituationEndpoints.OutOfScope(http, $"site {siteId}"),
                SiteReportOutcome.NotAllowed => Results.Problem(result.Problem, statusCode: 403, title: "Not allowed"),
                _ => Results.Problem(result.Problem, statusCode: 503, title: "Not taken"),
            };
        }).RequireRateLimiting(SecurityHosting.WriteLimit);
        return app;
    }
}
