using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>The one map end to end: a real server with the small simulation, real MQTT, headless Chromium.</summary>
public sealed class OneMapTests(OneMapServer fixture) : IClassFixture<OneMapServer>
{
    [Fact]
    public async Task The_map_shows_every_simulated_site_once_as_a_marker_or_in_a_cluster_count()
    {
        await using var page = await fixture.SignInAsAdminAsync();
        await page.WaitForSitesAsync(OneMapServer.SimulatedSites);
        var sites = OneMapServer.Count(await fixture.Server.GetJson("/api/v1/situation"), "sitesTotal");

        // Clusters settle after the markers are added: poll until the counts add up.
        var shown = 0;
        for (var i = 0; i < 50 && shown != sites; i++)
        {
            shown = await page.MarkersAndClusterCountsAsync();
            await Task.Delay(100);
        }

        Assert.Equal(sites, shown);
        Assert.Equal("zh-CN", await page.Page.GetAttributeAsync("html", "lang"));
        Assert.Contains("在线考点", await page.Page.InnerTextAsync(".cc-situation"));
        await page.ScreenshotAsync("map-province-1920x1080");
    }

    [Fact]
    public async Task Drilling_down_from_a_county_to_a_site_shows_its_rooms_and_the_url_pins_the_view()
    {
        await using var page = await fixture.SignInAsAdminAsync(path: "/region/430100");
        await page.WaitForSitesAsync(OneMapServer.SimulatedSites);
        Assert.Contains("长沙市", await page.Page.InnerTextAsync(".cc-breadcrumb"));

        await page.GotoAsync("/region/430102");
        await page.WaitForSitesAsync(OneMapServer.SimulatedSites);
        await page.Page.Locator(".leaflet-marker-icon.cc-marker [data-site='43010201']").ClickAsync();
        await page.Page.WaitForURLAsync(url => url.EndsWith("/site/43010201", StringComparison.Ordinal));

        var rooms = page.Page.Locator(".cc-room-tile");
        await rooms.First.WaitForAsync();
        try
        {
            await page.Page.WaitForFunctionAsync("() => document.querySelectorAll('.cc-room-tile').length === 8", null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            var roomNames = await rooms.EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.room)");
            Assert.Fail($"rooms shown: {string.Join(",", roomNames)}; server: {await fixture.Server.GetJson("/api/v1/sites/43010201")}");
        }
        var crumbs = await page.Page.InnerTextAsync(".cc-breadcrumb");
        Assert.Contains("湖南省", crumbs);
        Assert.Contains("芙蓉区", crumbs);
        await page.ScreenshotAsync("map-site-1920x1080");

        await page.Page.SetViewportSizeAsync(1024, 768);
        await page.ScreenshotAsync("map-site-1024x768");
    }

    [Fact]
    public async Task Wall_mode_fills_the_screen_without_scrolling_at_1080p_and_4k()
    {
        foreach (var (width, height) in new[] { (1920, 1080), (3840, 2160) })
        {
            await using var page = await fixture.SignInAsAdminAsync(width, height, "/?mode=wall");
            await page.WaitForSitesAsync(OneMapServer.SimulatedSites);
            await page.Page.Locator(".cc-wall").WaitForAsync();
            var overflow = await page.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth]");
            Assert.True(overflow[0] <= height && overflow[1] <= width, $"page is {overflow[1]}×{overflow[0]} on a {width}×{height} wall");
            await Task.Delay(500);
            await page.ScreenshotAsync($"wall-province-{width}x{height}");
        }
    }

    [Fact]
    public async Task The_tablet_lists_my_sites_and_a_tap_opens_the_site_panel()
    {
        foreach (var (width, height) in new[] { (1024, 768), (768, 1024) })
        {
            await using var page = await fixture.SignInAsAdminAsync(width, height, "/tablet");
            var cards = page.Page.Locator(".cc-site-card");
            await cards.First.WaitForAsync();
            Assert.True(await cards.CountAsync() >= OneMapServer.SimulatedSites);
            await page.ScreenshotAsync($"tablet-my-sites-{width}x{height}");
            if (width == 1024)
            {
                await page.Page.Locator(".cc-site-card[data-site='43010201']").TapOrClickAsync();
                await page.Page.Locator(".cc-room-tile").First.WaitForAsync();
            }
        }
    }

    [Fact]
    public async Task A_link_to_an_unknown_region_or_site_shows_a_clear_not_found_view()
    {
        await using var page = await fixture.SignInAsAdminAsync(path: "/region/439999");
        Assert.Contains("439999", await page.Page.InnerTextAsync(".cc-notfound"));
        await page.GotoAsync("/site/not-a-site");
        Assert.Contains("not-a-site", await page.Page.InnerTextAsync(".cc-notfound"));
        await page.GotoAsync("/no/such/page");
        await page.Page.Locator(".cc-notfound").WaitForAsync();
    }

    [Fact]
    public async Task English_is_one_switch_away_and_remembered()
    {
        await using var page = await fixture.SignInAsAdminAsync(path: "/?lang=en");
        await page.Page.Locator(".cc-situation").WaitForAsync();
        Assert.Equal("en", await page.Page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Sites online", await page.Page.InnerTextAsync(".cc-situation"));
        await page.GotoAsync("/tablet");
        Assert.Contains("My sites", await page.Page.InnerTextAsync("h1"));
        await page.Page.ClickAsync("[data-lang-switch]");
        await page.Page.WaitForURLAsync(url => url.EndsWith("/tablet", StringComparison.Ordinal));
        Assert.Contains("我的考点", await page.Page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task A_jammer_fault_published_over_mqtt_turns_its_site_red_within_2_s()
    {
        const string siteId = "43010299";
        await using var agent = await SiteClient.ConnectAsync(fixture.Server.MqttPort, siteId);
        await agent.Announce(("j-001", "jammer", "001"), ("c-001", "clock", "001"));
        await agent.Status("j-001", "jammer", "001", """{"on":true,"fault":null}""");
        await agent.Status("c-001", "clock", "001", """{"offsetMs":12,"synced":true,"source":"bds"}""");

        // A page that watched the same county is closed first: its circuit lingers on the server for a
        // while, and pushes to it fail only after a timeout.
        await using (var earlier = await fixture.SignInAsAdminAsync(path: "/region/430102?mode=wall"))
        {
            await earlier.WaitForSitesAsync(OneMapServer.SimulatedSites + 1);
        }

        await using var page = await fixture.SignInAsAdminAsync(path: "/region/430102");
        await page.WaitForSitesAsync(OneMapServer.SimulatedSites + 1);
        try
        {
            await page.WaitForStatusAsync(siteId, "ok", 10_000);
        }
        catch (TimeoutException)
        {
            var site = await fixture.Server.GetJson($"/api/v1/sites/{siteId}");
            Assert.Fail($"marker {await page.StatusOfAsync(siteId) ?? "missing"}; server: {site}");
        }

        var published = System.Diagnostics.Stopwatch.StartNew();
        await agent.Status("j-001", "jammer", "001", """{"on":false,"fault":"power"}""");
        try
        {
            await page.WaitForStatusAsync(siteId, "alarm", 10_000);
        }
        catch (TimeoutException)
        {
            var county = await fixture.Server.GetJson("/api/v1/regions/430102");
            Assert.Fail($"marker {await page.StatusOfAsync(siteId)}; county: {county.GetProperty("children")}; errors: {string.Join(" | ", fixture.Server.LoggedErrors)}");
        }
        Assert.True(published.Elapsed < TimeSpan.FromSeconds(2), $"the marker turned red after {published.Elapsed.TotalMilliseconds:0} ms");

        // The banner flashes with the site and the marker pulses until dismissed here.
        var banner = page.Page.Locator($".cc-alarms li[data-site='{siteId}']");
        await banner.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
        Assert.Equal(1, await page.Page.Locator($".cc-flash [data-site='{siteId}']").CountAsync());
        await page.ScreenshotAsync("map-county-alarm-1920x1080");
        await banner.First.Locator("button.cc-dismiss").ClickAsync();
        await page.Page.Locator($".cc-flash [data-site='{siteId}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }
}

internal static class LocatorExtensions
{
    /// <summary>Tablets tap; Playwright's tap needs a touch-enabled context, so a click stands in when it has none.</summary>
    public static Task TapOrClickAsync(this ILocator locator) => locator.ClickAsync();
}
