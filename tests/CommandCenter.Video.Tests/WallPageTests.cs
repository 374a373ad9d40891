using CommandCenter.Server.Tests.Harness;
using Microsoft.Playwright;

namespace CommandCenter.Video.Tests;

/// <summary>The wall page on the dashboard shell: drag a camera onto a tile, it plays; layouts; focus one feed.</summary>
public sealed class WallPageTests(VideoServer video) : IClassFixture<VideoServer>
{
    private static readonly string Screenshots = Path.Combine(RepoRoot(), "TestResults", "screenshots");

    [Fact]
    public async Task a_camera_dragged_onto_a_tile_plays_there_and_can_be_focused()
    {
        var camera = video.StartCamera("wall");
        const string id = "43010205.wall-cam";
        await video.Register(id, camera.Url.ToString());
        await video.Register("43010205.wall-other", "http://127.0.0.1:9/none.ts", "016");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(video.Server.BaseAddress, "/video-wall/wall-ui?layout=2").ToString());
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.FillAsync("input[name=userName]", RunningServer.AdminUser);
        await page.FillAsync("input[name=password]", RunningServer.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/video-wall", StringComparison.Ordinal));

        await page.WaitForSelectorAsync($"[data-camera='{id}'].cc-vw-camera");
        await page.WaitForSelectorAsync(".cc-video-wall[data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Assert.Equal(4, await page.Locator("[data-tile]").CountAsync());
        await page.DragAndDropAsync($"[data-camera='{id}'].cc-vw-camera", "[data-tile='1']");
        await page.WaitForSelectorAsync("[data-tile='1'][data-state='playing']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var monitor = await video.Server.GetJson("/api/v1/video/monitors/wall-ui");
        Assert.Equal(id, monitor.GetProperty("tiles")[0].GetProperty("cameraId").GetString());
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "video-wall-2x2-1920x1080.png") });

        await page.ClickAsync("[data-layout-button='3']");
        // The layout changes after the circuit's round trip: wait for it rather than count at once.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-tile]').length === 9", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        Assert.Equal(9, await page.Locator("[data-tile]").CountAsync());
        await page.SetViewportSizeAsync(3840, 2160);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "video-wall-3x3-3840x2160.png") });

        await page.ClickAsync("[data-focus='1']");
        await page.WaitForSelectorAsync("[data-tile='2']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await page.SetViewportSizeAsync(1024, 768);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "video-wall-focus-1024x768.png") });
        Assert.True(await page.IsVisibleAsync("[data-tile='1'] video"));

        // English through the shell's language switch (?lang=en, remembered in a cookie).
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(new Uri(video.Server.BaseAddress, "/video-wall/wall-ui?layout=3&lang=en").ToString());
        await page.WaitForSelectorAsync("[data-tile='1'][data-state='playing']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Assert.Contains("Video wall", await page.TextContentAsync("h1"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "video-wall-3x3-en-1920x1080.png") });

        await context.CloseAsync();
        var left = await Poll.Until(() => Task.FromResult(video.ServerProcesses.Count), n => n == 0, TimeSpan.FromSeconds(15));
        Assert.Equal(0, left);
    }

    private static string RepoRoot()
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
