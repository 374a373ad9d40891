using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

/// <summary>
/// A site chief's report from the screen or the API takes the MQTT report's path: a zero-report clears the site's
/// "zero-report missing" alarm; a chief of another site, or another role, is refused; every filing is audited.
/// </summary>
public sealed class SiteReportApiTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private const string SiteA = ReportPlan.SiteA;
    private const string SiteB = ReportPlan.SiteB;

    private RunningServer Server => fixture.Server;

    private static object Sites(params string[] sites) => new { region = (string?)null, sites, cameras = Array.Empty<string>() };

    [Fact]
    public async Task a_chiefs_zero_report_clears_the_missing_zero_report_alarm_of_that_site_only()
    {
        await ReportPlan.ImportAsync(Server);
        await OpenZeroReportAlarm(SiteA);
        await OpenZeroReportAlarm(SiteB);
        using var chiefA = Server.ClientWith(await Server.CreateAccount("chief-a", "site_chief", Sites(SiteA)));
        using var chiefB = Server.ClientWith(await Server.CreateAccount("chief-b", "site_chief", Sites(SiteB)));
        using var county = Server.ClientWith(await Server.CreateAccount("county-reports", "county_operator",
            new { region = "430102", sites = Array.Empty<string>(), cameras = Array.Empty<string>() }));
        var zero = new { type = "zero", session = "s1", text = "本场无异常", by = "C1" };

        using (var otherChief = await chiefB.PostAsJsonAsync($"/api/v1/sites/{SiteA}/reports", zero))
        {
            Assert.Equal(HttpStatusCode.Forbidden, otherChief.StatusCode);
        }

        using (var commander = await county.PostAsJsonAsync($"/api/v1/sites/{SiteA}/reports", zero))
        {
            Assert.Equal(HttpStatusCode.Forbidden, commander.StatusCode);
        }

        using (var noSession = await chiefA.PostAsJsonAsync($"/api/v1/sites/{SiteA}/reports", new { type = "zero", session = "s9" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noSession.StatusCode);
            Assert.Contains("session", await noSession.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("open", (await ZeroReportAlarm(SiteA)).GetProperty("state").GetString());

        using (var filed = await chiefA.PostAsJsonAsync($"/api/v1/sites/{SiteA}/reports", zero))
        {
            Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        }

        var cleared = await Poll.Until(() => ZeroReportAlarm(SiteA), a => a.GetProperty("state").GetString() == "cleared", TimeSpan.FromSeconds(15));
        Assert.False(cleared.GetProperty("causeActive").GetBoolean());
        Assert.Equal("open", (await ZeroReportAlarm(SiteB)).GetProperty("state").GetString());

        // The report reached the site as its agent's would: an event in its feed.
        var site = await Server.GetJson($"/api/v1/sites/{SiteA}");
        Assert.Contains(site.GetProperty("recentEvents").EnumerateArray(), e => e.GetProperty("type").GetString() == "report_zero");

        var audit = await Server.GetJson("/api/v1/audit");
        var filings = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "site_report").ToList();
        var filing = Assert.Single(filings);
        Assert.Equal(("chief-a", SiteA), (filing.GetProperty("actor").GetString(), filing.GetProperty("target").GetString()));
    }

    private Task<JsonElement> OpenZeroReportAlarm(string site) =>
        Poll.Until(() => ZeroReportAlarm(site), a => a.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(15));

    private async Task<JsonElement> ZeroReportAlarm(string site)
    {
        var alarms = await Server.GetJson($"/api/v1/alarms?site={site}");
        return alarms.EnumerateArray().FirstOrDefault(a => a.GetProperty("cause").GetString() == "zero_report_missing");
    }
}
