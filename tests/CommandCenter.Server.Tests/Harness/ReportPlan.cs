using CommandCenter.Abstractions.Plan;
using CommandCenter.Plan;

namespace CommandCenter.Server.Tests.Harness;

/// <summary>A plan of two sites whose one session ended two hours ago and whose zero-report was due an hour ago.</summary>
public static class ReportPlan
{
    public const string SiteA = "43010281";
    public const string SiteB = "43010282";
    public const string Session = "s1";

    public static async Task ImportAsync(RunningServer server)
    {
        var now = DateTimeOffset.UtcNow;
        var session = new ExamSession(Session, "语文", now.AddHours(-3), now.AddHours(-2), now.AddHours(-3.5), now.AddHours(-2.75), now.AddHours(-3.25), now.AddHours(-1));
        PlanSite Site(string id, double lat) => new(id, "考点" + id[^2..], "addr", lat, 112.95, id[..6]);
        var plan = new ExamPlan("reports-e2e", "reports e2e", new RuleThresholds { ClearAfter = TimeSpan.Zero }, [session],
            [Site(SiteA, 28.18), Site(SiteB, 28.12)], [new PlanRoom(SiteA, "001", 30, 30), new PlanRoom(SiteB, "001", 30, 30)], [], [], [], [], [], "");
        using var body = new ByteArrayContent(PlanWriter.ToJson(plan));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await server.Http.PostAsync("/api/v1/plan", body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"plan import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
