using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Video.Tests;

/// <summary>
/// Editing the wall in the browser: tap fallback and drag place cameras, an alarm's camera is pinned and unpinned, a tour
/// is set and stopped, and a 10th feed is refused by the page and, from the map's site panel, by the server with its reason.
/// </summary>
public sealed class WallEditingTests(VideoServer video) : IClassFixture<VideoServer>
{
    private const string Site = "43010606";
    private const string Wall = "wall-edit";
    private static readonly string Screenshots = Path.Combine(WallPageTestsRoot(), "TestResults", "screenshots");

    private static string Cam(int n) => $"{Site}.cam-{n:00}";

    [Fact]
    public async Task cameras_are_placed_by_tap_and_drag_pinned_toured_and_a_tenth_is_refused_with_the_servers_reason()
    {
        for (var n = 1; n <= 9; n++)
        {
            // Nothing listens on port 9: the prober finds these offline, so the alarm engine has camera alarms to pin.
            await video.Register(Cam(n), "http://127.0.0.1:9/none.ts", $"{n:000}");
        }

        // The 10th comes from an edge agent, so the map's site panel lists it.
        await using var agent = await SiteClient.ConnectAsync(video.Server.MqttPort, Site);
        await agent.Announce(("cam-10", "camera", "010"));
        await agent.Status("cam-10", "camera", "010", """{"online":true,"recording":true,"fps":25,"streamUrl":"http://127.0.0.1:9/ten.ts"}""");
        await Poll.Until(() => video.Server.Http.GetAsync($"/api/v1/cameras/{Cam(10)}"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(video.Server.BaseAddress, $"/video-wall/{Wall}?layout=3").ToString());
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.FillAsync("input[name=userName]", RunningServer.AdminUser);
        await page.FillAsync("input[name=password]", RunningServer.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync(".cc-video-wall[data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

        // Tap fallback (tablets): tap a camera, then a tile.
        await page.ClickAsync($".cc-vw-camera[data-camera='{Cam(1)}']");
        Assert.Contains(Cam(1), await (await page.WaitForSelectorAsync("[data-picker-hint]"))!.TextContentAsync());
        await page.WaitForSelectorAsync($".cc-vw-selected[data-camera='{Cam(1)}']");
        await page.ClickAsync("[data-tile='1']");
        Assert.Equal(Cam(1), await TileCamera(1));

        // Drag and drop.
        await page.DragAndDropAsync($".cc-vw-camera[data-camera='{Cam(2)}']", "[data-tile='2']");
        Assert.Equal(Cam(2), await TileCamera(2));

        // An open camera alarm of the alarm engine is pinned onto this monitor from the screen, then unpinned.
        var pin = $"[data-pin='{Cam(3)}']";
        await page.WaitForSelectorAsync(pin, new PageWaitForSelectorOptions { Timeout = 40_000 });
        await page.ClickAsync(pin);
        await page.WaitForSelectorAsync("[data-tile='3'][data-source='pinned']");
        var audit = await video.Server.GetJson("/api/v1/audit?action=video_pin");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == $"{Wall}/3");
        await page.ClickAsync("[data-unpin-tile='3']");
        await page.WaitForSelectorAsync("[data-tile='3'][data-source='']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

        // A tour of three cameras, 10 s a page, from the editor.
        foreach (var n in new[] { 4, 5, 6 })
        {
            await page.CheckAsync($"[data-tour-camera='{Cam(n)}']");
        }

        await page.FillAsync("[data-tour-dwell]", "10");
        await page.ClickAsync("[data-tour-save]");
        await page.WaitForSelectorAsync("[data-tour-state]");
        var monitor = await video.Server.GetJson($"/api/v1/video/monitors/{Wall}");
        var tour = monitor.GetProperty("tour");
        Assert.Equal([Cam(4), Cam(5), Cam(6)], tour.GetProperty("cameras").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(monitor.GetProperty("tiles").EnumerateArray(), t => t.GetProperty("source").GetString() == "tour");
        Directory.CreateDirectory(Screenshots);
        await Shoot(page, "video-wall-editing");
        await page.ClickAsync("[data-tour-stop]");
        await Poll.Until(() => video.Server.GetJson($"/api/v1/video/monitors/{Wall}"), m => m.GetProperty("tour").ValueKind == JsonValueKind.Null,
            TimeSpan.FromSeconds(5));

        // Nine feeds: the page refuses a 10th itself ...
        for (var n = 3; n <= 9; n++)
        {
            Assert.Equal(HttpStatusCode.OK, (await video.Assign(video.Server.Http, Wall, n, Cam(n))).StatusCode);
        }

        await page.WaitForSelectorAsync("[data-tile='9'][data-source='assigned']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        var refusedBefore = await RefusedCount();
        await page.ClickAsync($"[data-add='{Cam(10)}']");
        // The refusal arrives with the circuit's answer: wait for its text, not just for the message element.
        await page.Locator(".cc-vw-message", new PageLocatorOptions { HasTextString = "已达上限" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("已达上限", await page.TextContentAsync(".cc-vw-message"));
        Assert.Equal(refusedBefore, await RefusedCount());

        // ... and the map's site panel, which does not know the wall, gets the server's refusal and shows its reason.
        await page.GotoAsync(new Uri(video.Server.BaseAddress, $"/site/{Site}").ToString());
        await page.WaitForSelectorAsync($"[data-send='{Cam(10)}']");
        await page.FillAsync("[data-send-monitor]", Wall);
        await page.ClickAsync($"[data-send='{Cam(10)}']");
        var outcome = await page.WaitForSelectorAsync("[data-send-outcome]");
        Assert.Contains("already shows 9 feeds", await outcome!.TextContentAsync());
        Assert.Equal(refusedBefore + 1, await RefusedCount());
        Assert.Equal(9, (await video.Server.GetJson($"/api/v1/video/monitors/{Wall}")).GetProperty("tiles").GetArrayLength());
        using var api = await video.Server.Http.PostAsJsonAsync($"/api/v1/video/monitors/{Wall}/tiles", new { cameraId = Cam(10) });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        await Shoot(page, "site-panel-cameras");

        await context.CloseAsync();
        var left = await Poll.Until(() => Task.FromResult(video.ServerProcesses.Count), n => n == 0, TimeSpan.FromSeconds(15));
        Assert.Equal(0, left);
    }

    private async Task<string?> TileCamera(int tile)
    {
        var monitor = await Poll.Until(() => video.Server.GetJson($"/api/v1/video/monitors/{Wall}"),
            m => m.GetProperty("tiles").EnumerateArray().Any(t => t.GetProperty("tile").GetInt32() == tile), TimeSpan.FromSeconds(10));
        return monitor.GetProperty("tiles").EnumerateArray().Where(t => t.GetProperty("tile").GetInt32() == tile)
            .Select(t => t.GetProperty("cameraId").GetString()).FirstOrDefault();
    }

    private async Task<int> RefusedCount() =>
        (await video.Server.GetJson("/api/v1/audit?action=video_tile_refused")).EnumerateArray()
            .Count(e => e.GetProperty("target").GetString()!.StartsWith(Wall + "/", StringComparison.Ordinal));

    private static async Task Shoot(IPage page, string name)
    {
        foreach (var (w, h) in new[] { (1920, 1080), (3840, 2160), (1024, 768) })
        {
            await page.SetViewportSizeAsync(w, h);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}-{w}x{h}.png") });
        }

        await page.SetViewportSizeAsync(1920, 1080);
    }

    private static string WallPageTestsRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
