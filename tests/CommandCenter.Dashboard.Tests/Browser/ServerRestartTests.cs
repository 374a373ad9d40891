using CommandCenter.Server.Tests.Harness;
using CommandCenter.Testing;
using Microsoft.Playwright;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>A wall display survives a server restart: it says so while the server is gone, then re-syncs by itself.</summary>
public sealed class ServerRestartTests : IClassFixture<BrowserFixture>
{
    private const string SiteId = "43010299";
    private readonly BrowserFixture _browser;

    public ServerRestartTests(BrowserFixture browser) => _browser = browser;

    [Fact]
    public async Task After_a_restart_the_page_shows_the_banner_then_reloads_and_shows_live_data_not_old_colours()
    {
        var httpPort = FreePorts.Next();
        var mqttPort = FreePorts.Next();
        string[] fixedPorts = [$"--urls=http://127.0.0.1:{httpPort}", $"--Mqtt:Port={mqttPort}", "--Ingest:StatusInterval=00:00:30"];

        var server = await RunningServer.StartAsync(fixedPorts);
        IPage page;
        await using (var agent = await SiteClient.ConnectAsync(mqttPort, SiteId))
        {
            await agent.Announce(("j-001", "jammer", "001"));
            await agent.Status("j-001", "jammer", "001", """{"on":true,"fault":null}""");
            var dashboard = await DashboardPage.SignInAsync(_browser.Browser, server.BaseAddress, RunningServer.AdminUser,
                RunningServer.AdminPassword, path: "/region/430102?mode=wall");
            page = dashboard.Page;
            await dashboard.WaitForStatusAsync(SiteId, "ok", 10_000);
            await server.DisposeAsync();
        }

        // While the server is away the wall says so.
        try
        {
            await page.Locator("#components-reconnect-modal.cc-connection-show").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no banner; class '{await page.EvaluateAsync<string>("() => document.getElementById('components-reconnect-modal').className")}'");
        }
        await new DashboardPage(page, server.BaseAddress).ScreenshotAsync("wall-connection-lost-1920x1080");

        await using var restarted = await RunningServer.StartAsync(fixedPorts);
        await using var again = await SiteClient.ConnectAsync(mqttPort, SiteId);
        await again.Announce(("j-001", "jammer", "001"));
        await again.Status("j-001", "jammer", "001", """{"on":false,"fault":"power"}""");

        // The page reloads on its own once the server answers. The embedded default keeps accounts in
        // memory, so a restarted one asks for the password again and returns to the same view.
        var live = new DashboardPage(page, restarted.BaseAddress);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await StatusOrNull(live) != "alarm")
        {
            Assert.True(DateTime.UtcNow < deadline, $"no live data 60 s after the restart; at {page.Url}");
            if (page.Url.Contains("/login", StringComparison.Ordinal))
            {
                await DashboardPage.SignInHereAsync(page, RunningServer.AdminUser, RunningServer.AdminPassword);
            }

            await Task.Delay(250);
        }

        Assert.Contains("region/430102", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#components-reconnect-modal.cc-connection-show").CountAsync());
        await page.Context.CloseAsync();
    }

    private static async Task<string?> StatusOrNull(DashboardPage page)
    {
        try
        {
            return await page.StatusOfAsync(SiteId);
        }
        catch (PlaywrightException)
        {
            return null; // navigating
        }
    }
}
