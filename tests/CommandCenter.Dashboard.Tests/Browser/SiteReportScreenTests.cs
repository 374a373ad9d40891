using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>
/// A rule's alarm on the wall (banner and flashing marker) without any device fault, and the site chief's report
/// screen that clears it.
/// </summary>
public sealed class SiteReportScreenTests(SiteReportScreenTests.Fixture fixture) : IClassFixture<SiteReportScreenTests.Fixture>
{
    private const string Password = "Report-Screen-Pass-2026";

    [Fact]
    public async Task A_missing_zero_report_flashes_on_the_wall_and_the_chiefs_report_takes_it_away()
    {
        var server = fixture.Server;
        await server.CreateAccount("commander-reports", "provincial_commander", new { region = "43", sites = Array.Empty<string>(), cameras = Array.Empty<string>() }, Password);
        await server.CreateAccount("chief-reports", "site_chief", new { region = (string?)null, sites = new[] { ReportPlan.SiteA }, cameras = Array.Empty<string>() }, Password);
        await using var wall = await DashboardPage.SignInAsync(fixture.Browser.Browser, server.BaseAddress, "commander-reports", Password, path: "/region/430102");
        await wall.Page.Locator(".cc-map").WaitForAsync();

        // Only the plan's deadline raises it: no device of either site ever reported.
        await ReportPlan.ImportAsync(server);
        var notice = wall.Page.Locator($".cc-alarms li[data-site='{ReportPlan.SiteA}']").Filter(new LocatorFilterOptions { HasText = "零报告未报" });
        await notice.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.NotNull(await notice.Locator("button.cc-ack").GetAttributeAsync("data-ack"));
        await wall.Page.Locator(".cc-map .cc-flash").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await wall.ScreenshotAsync("rule-alarm-banner-1920x1080");

        await using var chief = await DashboardPage.SignInAsync(fixture.Browser.Browser, server.BaseAddress, "chief-reports", Password, path: "/reports");
        var form = chief.Page.Locator("form[data-form=site-report]");
        await form.WaitForAsync();
        Assert.Equal(ReportPlan.Session, await form.Locator("select[name=session]").InputValueAsync());
        foreach (var (width, height) in new[] { (1920, 1080), (3840, 2160), (1024, 768) })
        {
            await chief.Page.SetViewportSizeAsync(width, height);
            await chief.ScreenshotAsync($"site-report-{width}x{height}");
        }

        await form.Locator("input[name=by]").FillAsync("C1");
        await form.Locator("button[type=submit]").ClickAsync();
        await chief.Page.Locator("[data-message=ok]").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await chief.ScreenshotAsync("site-report-sent-1024x768");

        // Cleared at the site: the wall's notice goes.
        await notice.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        Assert.Equal(1, await wall.Page.Locator($".cc-alarms li[data-site='{ReportPlan.SiteB}']").Filter(new LocatorFilterOptions { HasText = "零报告未报" }).CountAsync());
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public BrowserFixture Browser { get; } = new();

        public RunningServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await RunningServer.StartAsync();
            await Browser.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
