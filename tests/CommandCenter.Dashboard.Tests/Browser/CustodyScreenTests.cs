using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>The custody screen: the one-handed handover on a tablet, "where is bag X", bags by state — scoped and refused cleanly.</summary>
public sealed class CustodyScreenTests(OneMapServer fixture) : IClassFixture<OneMapServer>
{
    [Fact]
    public async Task A_county_operator_records_handovers_on_the_tablet_finds_the_bag_and_sees_it_in_transit()
    {
        await CustodyPlan.Store(fixture.Server);
        var bag = "BAG-UI-" + Guid.NewGuid().ToString("N")[..8];
        await CustodyPlan.Register(bag, fixture.Server);
        await fixture.Server.CreateAccount("yuelu-ui", "county_operator", new { region = "430104" });
        await using var page = await DashboardPage.SignInAsync(fixture.Browser, fixture.Server.BaseAddress, "yuelu-ui", "Role-Test-Pass-2026", 1024, 768, "/custody");

        await page.Page.Locator("[data-interactive=true]").WaitForAsync();
        var form = page.Page.Locator("form[data-form=handover]");
        foreach (var action in new[] { "stored", "checked_out", "dispatched" })
        {
            await form.Locator("input[name=bag]").FillAsync(bag);
            await form.Locator("input[name=siteId]").FillAsync(CustodyPlan.Site);
            await form.Locator($"button[data-action={action}]").ClickAsync();
            await form.Locator("input[name=staff]").FillAsync("K1 K2 K3");
            // The previous step's answer is still shown: wait for this step's to replace it.
            var before = await page.Page.EvaluateAsync<string?>("() => document.querySelector('[data-message]')?.innerText ?? null");
            await form.Locator("button[type=submit]").ClickAsync();
            await page.Page.WaitForFunctionAsync("t => { const m = document.querySelector('[data-message]'); return m && m.innerText !== t; }", before);
            var message = page.Page.Locator("[data-message]");
            Assert.True(await message.GetAttributeAsync("class") == "cc-ok", $"{action}: {await message.InnerTextAsync()}");
        }

        Assert.Contains("运送途中", await page.Page.InnerTextAsync("[data-message]"));
        await page.ScreenshotAsync("custody-handover-1024x768");

        // Opening before it reached its room is refused with the reason, and changes nothing.
        await form.Locator("input[name=bag]").FillAsync(bag);
        await form.Locator("button[data-action=opened]").ClickAsync();
        await form.Locator("input[name=room]").FillAsync("001");
        await form.Locator("input[name=staff]").FillAsync("C1");
        await form.Locator("button[type=submit]").ClickAsync();
        Assert.Contains("拒绝", await page.Page.Locator("[data-message].cc-error").InnerTextAsync());

        await page.Page.Locator("input[name=findBag]").FillAsync(bag);
        await page.Page.ClickAsync("form[data-form=find] button");
        var found = page.Page.Locator($"[data-found='{bag}']");
        await found.WaitForAsync();
        Assert.Equal(3, await found.Locator("tbody tr").CountAsync());
        Assert.Contains("运送途中", await found.InnerTextAsync());

        await page.Page.ReloadAsync();
        await page.Page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Page.Locator($"[data-in-transit] td:text('{bag}')").WaitForAsync();
        await page.Page.Locator("[data-bag-states] li[data-state=InTransit] b:text('1')").WaitForAsync();
        await page.Page.SetViewportSizeAsync(1920, 1080);
        await page.ScreenshotAsync("custody-1920x1080");
    }

    [Fact]
    public async Task Another_countys_operator_cannot_find_the_bag_or_record_for_its_site()
    {
        await CustodyPlan.Store(fixture.Server);
        var bag = "BAG-UX-" + Guid.NewGuid().ToString("N")[..8];
        await CustodyPlan.Register(bag, fixture.Server);
        await fixture.Server.CreateAccount("other-ui", "county_operator", new { region = "430105" });
        await using var page = await DashboardPage.SignInAsync(fixture.Browser, fixture.Server.BaseAddress, "other-ui", "Role-Test-Pass-2026", path: "/custody");

        await page.Page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Page.Locator("input[name=findBag]").FillAsync(bag);
        await page.Page.ClickAsync("form[data-form=find] button");
        await page.Page.Locator("[data-found=none]").WaitForAsync();

        var form = page.Page.Locator("form[data-form=handover]");
        await form.Locator("input[name=bag]").FillAsync(bag);
        await form.Locator("input[name=siteId]").FillAsync(CustodyPlan.Site);
        await form.Locator("button[data-action=stored]").ClickAsync();
        await form.Locator("input[name=staff]").FillAsync("K1 K2 K3");
        await form.Locator("button[type=submit]").ClickAsync();
        Assert.Contains("不在您的权限范围内", await page.Page.Locator("[data-message].cc-error").InnerTextAsync());
        Assert.Equal("sealed", (await fixture.Server.GetJson($"/api/v1/bags/{bag}")).GetProperty("summary").GetProperty("state").GetString());
    }
}
