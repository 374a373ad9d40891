using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Dashboard.Tests.Browser;

/// <summary>A real command center running the small Hunan simulation (one site per county), and a browser.</summary>
public sealed class OneMapServer : IAsyncLifetime
{
    public const int SimulatedSites = 122;

    private readonly BrowserFixture _browser = new();

    public RunningServer Server { get; private set; } = null!;

    public Microsoft.Playwright.IBrowser Browser => _browser.Browser;

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync("--Simulation:Mode=Small", "--Simulation:StartupSpread=00:00:00.500",
            "--Simulation:AgentDropoutsPerHour=0", "--Simulation:FaultsPerMinute=0",
            // The simulated agents report every 10 s: judge their devices by that, not the harness's 1 s.
            "--Ingest:StatusInterval=00:00:10", "--Ingest:MissedIntervalsOffline=3");
        await _browser.InitializeAsync();
        await WaitForSitesAsync(SimulatedSites);
    }

    /// <summary>Waits until the province knows at least <paramref name="sites"/> sites.</summary>
    public async Task WaitForSitesAsync(int sites)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var situation = await Server.GetJson("/api/v1/situation");
            if (situation.GetProperty("counts").GetProperty("sitesTotal").GetInt32() >= sites)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {situation.GetProperty("counts")} after 30 s");
            }

            await Task.Delay(200);
        }
    }

    public Task<DashboardPage> SignInAsAdminAsync(int width = 1920, int height = 1080, string path = "/") =>
        DashboardPage.SignInAsync(Browser, Server.BaseAddress, RunningServer.AdminUser, RunningServer.AdminPassword, width, height, path);

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await Server.DisposeAsync();
    }

    public static int Count(JsonElement element, string name) => element.GetProperty("counts").GetProperty(name).GetInt32();
}
