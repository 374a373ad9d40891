using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>The custody chain on the one map: a paper switch's progress live, and the bag layer per region at each drill level.</summary>
public sealed class CustodyMapTests(OneMapServer fixture) : IClassFixture<OneMapServer>
{
    [Fact]
    public async Task The_map_follows_a_paper_switch_live_and_shows_bags_by_place_per_region()
    {
        var server = fixture.Server;
        await CustodyPlan.Store(server);
        var bags = Enumerable.Range(0, 3).Select(i => $"BAG-MAP-{i}-" + Guid.NewGuid().ToString("N")[..6]).ToList();
        foreach (var bag in bags)
        {
            await CustodyPlan.Register(bag, server);
        }

        using var county = server.ClientWith(await server.CreateAccount("yuelu-map", "county_operator", new { region = "430104" }));
        foreach (var action in new[] { "stored", "checked_out", "dispatched" })
        {
            using var moved = await county.PostAsJsonAsync("/api/v1/custody", new { siteId = CustodyPlan.Site, bag = bags[0], action, staff = new[] { "K1", "K2", "K3" } });
            moved.EnsureSuccessStatusCode();
        }

        await using var page = await fixture.SignInAsAdminAsync(1920, 1080, "/region/430100");
        await page.WaitForSitesAsync(OneMapServer.SimulatedSites);

        // A commander orders A → B for Kaifu district (3 plan sites); the panel appears without a reload.
        using var cmdr = server.ClientWith(await server.CreateAccount("kaifu-map", "county_operator", new { region = "430105" }));
        using var ordered = await cmdr.PostAsJsonAsync("/api/v1/custody/switches",
            new { region = "430105", sessionId = "s1", subject = "语文", fromSet = "A", toSet = "B", ackTimeoutSeconds = 8 });
        ordered.EnsureSuccessStatusCode();
        var id = (await ordered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order").GetProperty("switchId").GetString()!;
        var panel = page.Page.Locator($"[data-switch='{id}']");
        await panel.Locator("[data-acked='0'][data-total='3']").WaitForAsync();
        Assert.Contains("开福区", await panel.InnerTextAsync());
        await page.Page.Locator($".cc-map [data-switch-site='{CustodyPlan.SwitchSiteA}'][data-state=pending]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // One site acknowledges over MQTT: 1/3 on the map; its ring goes away.
        await using (var agent = await SiteClient.ConnectAsync(server.MqttPort, CustodyPlan.SwitchSiteA))
        {
            await agent.Publish(EdgeTopics.CommandAck(CustodyPlan.SwitchSiteA),
                $$"""{"msgId":"{{id}}.{{CustodyPlan.SwitchSiteA}}","ts":"{{SiteClient.Now()}}","ok":true,"detail":"shown"}""");
        }

        await panel.Locator("[data-acked='1']").WaitForAsync();
        await page.Page.Locator($".cc-map [data-switch-site='{CustodyPlan.SwitchSiteA}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        // The two silent sites turn overdue: named in the panel, pulsing red rings on the map.
        await panel.Locator($"li[data-state=overdue][data-site='{CustodyPlan.SwitchSiteSilent}']").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal(2, await panel.Locator("li[data-state=overdue]").CountAsync());
        await page.Page.Locator($".cc-map [data-switch-site='{CustodyPlan.SwitchSiteSilent}'][data-state=overdue]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // The bag layer: per county in the city view (Yuelu has one bag in transit, two sealed in the vault).
        await page.Page.ClickAsync("[data-layer-toggle=bags]");
        var yuelu = page.Page.Locator(".cc-map [data-bag-region='430104']");
        await yuelu.WaitForAsync();
        Assert.True(int.Parse(await yuelu.Locator("[data-bucket=transit]").InnerTextAsync()) >= 1);
        Assert.True(int.Parse(await yuelu.Locator("[data-bucket=vault]").InnerTextAsync()) >= 2);
        await page.ScreenshotAsync("map-custody-1920x1080");
        await page.Page.SetViewportSizeAsync(3840, 2160);
        await page.ScreenshotAsync("map-custody-3840x2160");
        await page.Page.SetViewportSizeAsync(1024, 768);
        await page.ScreenshotAsync("map-custody-1024x768");
        await page.Page.SetViewportSizeAsync(1920, 1080);

        // Province view: per city; county view: per site.
        await page.GotoAsync("/");
        await page.Page.ClickAsync("[data-layer-toggle=bags]");
        await page.Page.Locator(".cc-map [data-bag-region='430100']").WaitForAsync();
        await page.GotoAsync("/region/430104?mode=wall");
        await page.Page.ClickAsync("[data-layer-toggle=bags]");
        var site = page.Page.Locator($".cc-map [data-bag-region='{CustodyPlan.Site}']");
        await site.WaitForAsync();
        var expected = (await server.GetJson($"/api/v1/bags?siteId={CustodyPlan.Site}")).EnumerateArray().Count(b => b.GetProperty("state").GetString() == "in_transit");
        Assert.Equal(expected, int.Parse(await site.Locator("[data-bucket=transit]").InnerTextAsync()));
        await page.ScreenshotAsync("map-custody-wall-county-1920x1080");
    }
}
