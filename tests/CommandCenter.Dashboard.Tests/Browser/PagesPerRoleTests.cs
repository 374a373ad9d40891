using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>
/// Every role through the pages (issue 9): what each sees on the map, which links it may open,
/// and that editing a URL to another region or site shows "outside your scope", never the data.
/// </summary>
public sealed class PagesPerRoleTests(OneMapServer fixture) : IClassFixture<OneMapServer>
{
    private const string Password = "Role-Test-Pass-2026";

    [Fact]
    public async Task A_provincial_commander_sees_the_whole_province_but_not_the_admin_screens()
    {
        await fixture.Server.CreateAccount("pc-page", "provincial_commander", new { region = "43" });
        await using var page = await SignIn("pc-page");
        await page.WaitForSitesAsync(OneMapServer.SimulatedSites);
        Assert.Contains("湖南省", await page.Page.InnerTextAsync(".cc-breadcrumb"));
        await page.GotoAsync("/admin/accounts");
        Assert.Contains("无权访问", await page.Page.InnerTextAsync(".cc-notfound"));
        await page.GotoAsync("/audit");
        Assert.Contains("无权访问", await page.Page.InnerTextAsync(".cc-notfound"));
    }

    [Fact]
    public async Task A_city_operator_lands_on_their_city_and_cannot_open_another_by_editing_the_url()
    {
        await fixture.Server.CreateAccount("city-page", "city_operator", new { region = "430100" });
        await using var page = await SignIn("city-page");
        await page.WaitForSitesAsync(9); // Changsha's nine counties, one simulated site each
        Assert.Equal("9", await page.Page.GetAttributeAsync(".cc-map", "data-sites"));
        Assert.Contains("长沙市", await page.Page.InnerTextAsync(".cc-breadcrumb"));
        Assert.DoesNotContain("湖南省", await page.Page.InnerTextAsync(".cc-breadcrumb"));

        await page.GotoAsync("/region/430200");
        Assert.Contains("不在您的权限范围内", await page.Page.InnerTextAsync(".cc-notfound"));
        await page.GotoAsync("/site/43020201");
        Assert.Contains("不在您的权限范围内", await page.Page.InnerTextAsync(".cc-notfound"));
        await page.GotoAsync("/region/43");
        Assert.Contains("不在您的权限范围内", await page.Page.InnerTextAsync(".cc-notfound"));
    }

    [Fact]
    public async Task A_county_operator_sees_only_their_countys_sites()
    {
        await fixture.Server.CreateAccount("county-page", "county_operator", new { region = "430102" });
        await using var page = await SignIn("county-page");
        await page.WaitForSitesAsync(1);
        await Task.Delay(300);
        Assert.Equal("1", await page.Page.GetAttributeAsync(".cc-map", "data-sites"));
        Assert.Equal("ok", await page.StatusOfAsync("43010201") is "ok" or "warning" ? "ok" : "missing");
        Assert.Null(await page.StatusOfAsync("43010301"));
        await page.GotoAsync("/site/43010301");
        await page.Page.Locator(".cc-notfound").WaitForAsync();
    }

    [Fact]
    public async Task An_inspector_gets_my_sites_on_the_tablet_and_nothing_else()
    {
        await fixture.Server.CreateAccount("insp-page", "patrol_inspector", new { sites = new[] { "43010201", "43010301" } });
        await using var page = await SignIn("insp-page", 1024, 768, "/tablet");
        var cards = page.Page.Locator(".cc-site-card");
        await cards.First.WaitForAsync();
        await Task.Delay(300);
        var shown = await cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.site).sort()");
        Assert.Equal(["43010201", "43010301"], shown);
        await page.ScreenshotAsync("tablet-inspector-1024x768");

        await cards.First.ClickAsync();
        await page.Page.Locator(".cc-room-tile").First.WaitForAsync();
        await page.GotoAsync("/site/43010401");
        await page.Page.Locator(".cc-notfound").WaitForAsync();
        await page.GotoAsync("/region/430102");
        await page.Page.Locator(".cc-notfound").WaitForAsync();
    }

    [Fact]
    public async Task An_auditor_reads_the_audit_trail_but_cannot_manage_accounts()
    {
        await fixture.Server.CreateAccount("aud-page", "auditor", new { region = "43" });
        await using var page = await SignIn("aud-page", path: "/audit");
        var rows = page.Page.Locator("[data-audit] tbody tr");
        await rows.First.WaitForAsync();
        Assert.Contains("account_create", await page.Page.InnerTextAsync("[data-audit]"));
        await page.GotoAsync("/admin/accounts");
        Assert.Contains("无权访问", await page.Page.InnerTextAsync(".cc-notfound"));
    }

    [Fact]
    public async Task An_administrator_creates_an_account_scopes_an_inspector_and_resets_a_password_on_the_screen_and_each_is_audited()
    {
        await using var page = await SignIn(RunningServer.AdminUser, path: "/admin/accounts", password: RunningServer.AdminPassword);
        var form = page.Page.Locator("form[data-form=account]");
        await form.WaitForAsync();

        await form.Locator("input[name=userName]").FillAsync("screen-insp");
        await form.Locator("input[name=displayName]").FillAsync("巡考员 <script>alert(1)</script>");
        await form.Locator("select[name=role]").SelectOptionAsync("PatrolInspector");
        await form.Locator("textarea[name=sites]").FillAsync("43010201 43010301");
        await form.Locator("input[name=password]").FillAsync("Screen-Pass-2026!");
        await form.Locator("button[type=submit]").ClickAsync();
        await page.Page.Locator("[data-message].cc-ok").WaitForAsync();
        var row = page.Page.Locator("tr[data-account='screen-insp']");
        Assert.Contains("43010201 43010301", await row.InnerTextAsync());
        Assert.Contains("<script>", await row.InnerTextAsync()); // shown as text, never run
        await page.ScreenshotAsync("admin-accounts-1920x1080");

        // A tenth camera for a video monitor is refused with the field named.
        await page.Page.ClickAsync("button.cc-primary:not([type=submit])");
        await form.Locator("input[name=userName]").FillAsync("screen-video");
        await form.Locator("input[name=displayName]").FillAsync("视频");
        await form.Locator("select[name=role]").SelectOptionAsync("VideoMonitor");
        await form.Locator("textarea[name=cameras]").FillAsync(string.Join(' ', Enumerable.Range(1, 10).Select(i => $"43010201.cam-{i:000}")));
        await form.Locator("input[name=password]").FillAsync("Screen-Pass-2026!");
        await form.Locator("button[type=submit]").ClickAsync();
        Assert.Contains("权限范围", await page.Page.Locator("[data-message].cc-error").InnerTextAsync());

        await row.Locator("button").ClickAsync();
        await page.Page.FillAsync("input[name=newPassword]", "Screen-Reset-2026!");
        await page.Page.ClickAsync("form[data-form=password] button");
        await page.Page.Locator("[data-message].cc-ok").WaitForAsync();
        await fixture.Server.TokenFor("screen-insp", "Screen-Reset-2026!");

        var audit = await fixture.Server.GetJson("/api/v1/audit?actor=admin");
        var actions = audit.EnumerateArray().Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("target").GetString()}").ToList();
        Assert.Contains("account_create screen-insp", actions);
        Assert.Contains("password_reset screen-insp", actions);
        Assert.DoesNotContain("account_create screen-video", actions);
    }

    private Task<DashboardPage> SignIn(string user, int width = 1920, int height = 1080, string path = "/", string password = Password) =>
        DashboardPage.SignInAsync(fixture.Browser, fixture.Server.BaseAddress, user, password, width, height, path);
}
