using System.Globalization;
using System.Text;
using CommandCenter.Server.Tests.Harness;
using CommandCenter.Server.Tests.History;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>
/// The history page in Chromium against a real InfluxDB: six hours of roll-ups written as the server
/// writes them, then the site's availability and clock-offset charts and the province's check-in curve;
/// and the "history off" state of a server without Influx:Url.
/// </summary>
public sealed class HistoryScreenTests : IClassFixture<BrowserFixture>
{
    private const string Site = "43012101";
    private readonly BrowserFixture _browser;

    public HistoryScreenTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task A_site_shows_availability_and_clock_offset_and_the_province_its_check_in_curve()
    {
        await using var own = Environment.GetEnvironmentVariable("CC_TEST_INFLUX_URL") is { Length: > 0 } ? null : await LocalInflux.StartAsync();
        var influx = own?.Url ?? Environment.GetEnvironmentVariable("CC_TEST_INFLUX_URL")!;
        var database = $"t{Guid.NewGuid():N}";
        await using var server = await RunningServer.StartAsync($"--Influx:Url={influx}", $"--Influx:Database={database}");
        var minutes = await Seed(influx, database);

        foreach (var (width, height) in new[] { (1920, 1080), (3840, 2160), (1024, 768) })
        {
            await using var page = await DashboardPage.SignInAsync(_browser.Browser, server.BaseAddress, RunningServer.AdminUser, RunningServer.AdminPassword, width, height, $"/history/site/{Site}?hours=6");
            await page.Page.Locator("[data-chart=clock] polyline").First.WaitForAsync();
            var points = await page.Page.Locator("[data-chart=availability] polyline").GetAttributeAsync("points");
            Assert.Equal(minutes, points!.Split(' ').Length);
            Assert.Equal(2, await page.Page.Locator("[data-chart=clock] polyline").CountAsync());
            Assert.Equal(1, await page.Page.Locator("[data-chart=clock] [data-zero]").CountAsync());
            Assert.Equal(0, await page.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
            await page.ScreenshotAsync($"history-site-{width}x{height}");
        }

        await using (var region = await DashboardPage.SignInAsync(_browser.Browser, server.BaseAddress, RunningServer.AdminUser, RunningServer.AdminPassword, 1920, 1080, "/history/region/43?hours=6"))
        {
            await region.Page.Locator("[data-chart=checkin] polyline").First.WaitForAsync();
            Assert.Contains("考生签到曲线", await region.Page.InnerTextAsync("[data-chart=checkin] figcaption"));
            await region.ScreenshotAsync("history-region-1920x1080");
        }

        await server.CreateAccount("county-history", "county_operator", new { region = "430102", sites = Array.Empty<string>(), cameras = Array.Empty<string>() });
        await using var outside = await DashboardPage.SignInAsync(_browser.Browser, server.BaseAddress, "county-history", "Role-Test-Pass-2026", 1024, 768, $"/history/site/{Site}");
        await outside.Page.Locator(".cc-notfound").WaitForAsync();
        Assert.Equal(0, await outside.Page.Locator("[data-chart]").CountAsync());
    }

    [Fact]
    public async Task Without_an_influx_url_the_page_says_history_is_off()
    {
        await using var server = await RunningServer.StartAsync();
        await using var page = await DashboardPage.SignInAsync(_browser.Browser, server.BaseAddress, RunningServer.AdminUser, RunningServer.AdminPassword, 1024, 768, $"/history/site/{Site}");
        await page.Page.Locator("[data-history=off]").WaitForAsync();
        Assert.Contains("Influx:Url", await page.Page.InnerTextAsync(".cc-history-off"));
        await page.ScreenshotAsync("history-off-1024x768");
    }

    // Six hours of per-minute roll-ups in the shape the server writes (site_rollup, region_rollup): a clock
    // that drifts away and is corrected, a few devices dropping out, candidates checking in for a session.
    private static async Task<int> Seed(string influx, string database)
    {
        var now = DateTimeOffset.UtcNow;
        var start = now.AddHours(-6).AddMinutes(2);
        var lines = new StringBuilder();
        var minutes = 0;
        for (var t = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero); t < now.AddMinutes(-1); t = t.AddMinutes(1), minutes++)
        {
            var ms = t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            var drift = minutes % 120 < 90 ? minutes % 120 * 12 : -150;
            var offline = minutes is > 200 and < 230 ? 12 : 0;
            var ok = 250 - offline - (minutes % 97 == 0 ? 3 : 0);
            lines.Append(CultureInfo.InvariantCulture, $"site_rollup,city=430100,county=430121,site={Site} devices_ok={ok}i,devices_fault={250 - ok - offline}i,devices_offline={offline}i,devices_unknown=0i,clocks=50i,clock_offset_mean_ms={drift * 0.4:0.0},clock_offset_max_abs_ms={Math.Abs(drift) + 40}i {ms}\n");
            var checkedIn = (int)(30_000 / (1 + Math.Exp(-(minutes - 180) / 12.0)));
            lines.Append(CultureInfo.InvariantCulture, $"region_rollup,level=province,region=43 sites_total=400i,sites_online=398i,rooms_total=20000i,rooms_all_ok=19950i,devices_ok={99_900 - offline}i,devices_fault=60i,devices_offline={40 + offline}i,devices_unknown=0i,candidates_verified={checkedIn}i,id_rejected={checkedIn / 4000}i {ms}\n");
        }

        using var http = new HttpClient();
        using var response = await http.PostAsync($"{influx}/write?db={database}&rp=rollups&precision=ms", new StringContent(lines.ToString()));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        return minutes;
    }
}
