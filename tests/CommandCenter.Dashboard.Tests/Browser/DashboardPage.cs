using System.Text.Json;
using Microsoft.Playwright;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>A signed-in browser page on the dashboard, with the waits the tests share.</summary>
public sealed class DashboardPage(IPage page, Uri baseAddress) : IAsyncDisposable
{
    public IPage Page => page;

    public static async Task<DashboardPage> SignInAsync(IBrowser browser, Uri baseAddress, string user, string password,
        int width = 1920, int height = 1080, string path = "/", string lang = "zh-CN")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = lang,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await SignInHereAsync(page, user, password);
        return new DashboardPage(page, baseAddress);
    }

    /// <summary>Fills the sign-in form the server redirected to; the server sends the browser back to where it was going.</summary>
    public static async Task SignInHereAsync(IPage page, string user, string password)
    {
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    public Task GotoAsync(string path) => page.GotoAsync(new Uri(baseAddress, path).ToString());

    /// <summary>Waits until the map shows <paramref name="sites"/> markers (it has applied its first batch).</summary>
    public Task WaitForSitesAsync(int sites, float timeoutMs = 15_000) =>
        page.WaitForFunctionAsync($"() => {{ const m = document.querySelector('.cc-map'); return m && Number(m.dataset.sites) >= {sites}; }}",
            null, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 50 });

    public Task<string?> StatusOfAsync(string siteId) =>
        page.EvaluateAsync<string?>("id => document.querySelector('.cc-map')?.ccMap?.statusOf(id) ?? null", siteId);

    public Task WaitForStatusAsync(string siteId, string status, float timeoutMs) =>
        page.WaitForFunctionAsync("([id, s]) => document.querySelector('.cc-map')?.ccMap?.statusOf(id) === s",
            new[] { siteId, status }, new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 20 });

    /// <summary>Markers drawn one by one plus the counts on cluster icons: every site once.</summary>
    public async Task<int> MarkersAndClusterCountsAsync() => await page.EvaluateAsync<int>("""
        () => {
            const singles = document.querySelectorAll('.cc-map .leaflet-marker-icon.cc-marker').length;
            const clustered = [...document.querySelectorAll('.cc-map .leaflet-marker-icon.cc-cluster span[data-count]')]
                .reduce((sum, s) => sum + Number(s.dataset.count), 0);
            return singles + clustered;
        }
        """);

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots.Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots.Folder, name + ".png") });
    }

    public async ValueTask DisposeAsync() => await page.Context.CloseAsync();

    public static string Json(object value) => JsonSerializer.Serialize(value);
}

/// <summary>Where the tests leave their screenshots: TestResults/screenshots at the repository root.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepoRoot(), "TestResults", "screenshots");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
