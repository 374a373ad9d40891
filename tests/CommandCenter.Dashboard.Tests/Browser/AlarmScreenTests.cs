using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>The alarm screens in Chromium: the banner's acknowledge, then dispatch and resolve on the alarm list.</summary>
public sealed class AlarmScreenTests(OneMapServer fixture) : IClassFixture<OneMapServer>
{
    private const string Password = "Alarm-Screen-Pass-2026";

    [Fact]
    public async Task An_alarm_is_acknowledged_from_the_banner_then_dispatched_and_resolved_on_the_alarm_list()
    {
        const string siteId = "43010298";
        await fixture.Server.CreateAccount("commander-ui", "provincial_commander",
            new { region = "43", sites = Array.Empty<string>(), cameras = Array.Empty<string>() }, Password);
        await using var page = await DashboardPage.SignInAsync(fixture.Browser, fixture.Server.BaseAddress, "commander-ui", Password, path: "/region/430102");
        await page.WaitForSitesAsync(OneMapServer.SimulatedSites);

        await using var agent = await SiteClient.ConnectAsync(fixture.Server.MqttPort, siteId);
        await agent.Announce(("r001-jammer", "jammer", "001"));
        await agent.Status("r001-jammer", "jammer", "001", """{"on":true,"fault":"antenna"}""");

        // The banner: one notice for the site, with an acknowledge for everyone.
        var ack = page.Page.Locator($".cc-alarms li[data-site='{siteId}'] button.cc-ack");
        await ack.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Equal(1, await page.Page.Locator($".cc-alarms li[data-site='{siteId}']").CountAsync());
        var alarmId = await ack.GetAttributeAsync("data-ack");
        await page.ScreenshotAsync("alarm-banner-1920x1080");
        await ack.ClickAsync();
        await page.Page.Locator($".cc-alarms li[data-site='{siteId}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        var listed = await Poll.Until(() => fixture.Server.GetJson($"/api/v1/alarms?site={siteId}"),
            l => l.EnumerateArray().Any(a => a.GetProperty("state").GetString() == "acknowledged"), TimeSpan.FromSeconds(10));
        Assert.Equal(alarmId, listed[0].GetProperty("id").GetString());
        Assert.Equal("commander-ui", listed[0].GetProperty("acknowledged").GetProperty("by").GetString());

        // The list: dispatch to an inspector, resolve with a note.
        await page.GotoAsync("/alarms");
        var row = page.Page.Locator($"tr[data-alarm='{alarmId}']");
        // The province's list follows the county's within a push or two.
        await page.Page.Locator($"tr[data-alarm='{alarmId}'][data-state='acknowledged']").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("屏蔽仪故障", await row.InnerTextAsync());
        foreach (var (width, height) in new[] { (1920, 1080), (3840, 2160), (1024, 768) })
        {
            await page.Page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync($"alarm-list-{width}x{height}");
        }

        await row.Locator("input").First.FillAsync("inspector-430102");
        await row.Locator("button[data-action='dispatch']").ClickAsync();
        await page.Page.Locator($"tr[data-alarm='{alarmId}'][data-state='dispatched']").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await row.Locator("input").Nth(1).FillAsync("天线已更换");
        await row.Locator("button[data-action='resolve']").ClickAsync();
        await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        await page.Page.Locator("button[data-filter='closed']").ClickAsync();
        await page.Page.Locator($"tr[data-alarm='{alarmId}'][data-state='resolved']").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });

        var audit = await fixture.Server.GetJson("/api/v1/audit");
        var steps = audit.EnumerateArray().Where(e => e.GetProperty("target").GetString() == alarmId)
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["alarm_ack", "alarm_dispatch", "alarm_resolve"], steps);
    }

    [Fact]
    public async Task An_auditor_sees_the_alarm_list_without_buttons()
    {
        await fixture.Server.CreateAccount("auditor-ui", "auditor", new { region = "43", sites = Array.Empty<string>(), cameras = Array.Empty<string>() }, Password);
        await using var page = await DashboardPage.SignInAsync(fixture.Browser, fixture.Server.BaseAddress, "auditor-ui", Password, path: "/alarms?lang=en");
        await page.Page.Locator(".cc-alarm-page").WaitForAsync();
        Assert.Contains("Alarms", await page.Page.InnerTextAsync("h1"));
        Assert.Equal(0, await page.Page.Locator("button[data-action]").CountAsync());
    }
}
