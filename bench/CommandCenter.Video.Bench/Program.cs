using System.Diagnostics;
using System.Globalization;
using CommandCenter.Abstractions.Video;
using CommandCenter.Server.Hosting;
using CommandCenter.Server.Video;
using CommandCenter.Testing;
using CommandCenter.Video.Bench;
using CommandCenter.Video.Live;
using CommandCenter.Video.Processes;
using CommandCenter.Video.TestCameras;
using Microsoft.Playwright;

// Usage: dotnet run -c Release --project bench/CommandCenter.Video.Bench -- [--latency-seconds 30] [--max-feeds 16] [--step-seconds 10]
var latencySeconds = Arg("--latency-seconds", 30);
var maxFeeds = Arg("--max-feeds", 16);
var stepSeconds = Arg("--step-seconds", 10);
var webRoot = FindWebRoot();
var recordings = Path.Combine(Path.GetTempPath(), "cc-bench-rec-" + Guid.NewGuid().ToString("N")[..8]);
var app = CommandCenterApp.Build(
[
    "--urls", "http://127.0.0.1:0", $"--Mqtt:Port={FreePorts.Next()}", $"--Cluster:SiloPort={FreePorts.Next()}",
    $"--Cluster:GatewayPort={FreePorts.Next()}", $"--Cluster:ClusterId=bench-{Guid.NewGuid():N}", "--Simulation:Mode=Off",
    "--Auth:BootstrapAdmin:User=admin", "--Auth:BootstrapAdmin:Password=Bench-Admin-Pass-2026", $"--webroot={webRoot}",
    $"--Video:MaxLiveFeeds={maxFeeds + 1}", "--Video:ProbeInterval=01:00:00", $"--Video:RecordingRoot={recordings}",
    "--Logging:LogLevel:Default=Warning",
]);
await app.StartAsync();
var baseUrl = new Uri(CommandCenterApp.Urls(app).Single());
var registry = (ICameraRegistry)app.Services.GetService(typeof(ICameraRegistry))!;
var feeds = (LiveFeeds)app.Services.GetService(typeof(LiveFeeds))!;
var serverTable = (FfmpegProcessTable)app.Services.GetService(typeof(FfmpegProcessTable))!;
var cameraTable = new FfmpegProcessTable();
var cameras = new List<TestCamera>();
using var http = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
var token = await Token(http);
http.DefaultRequestHeaders.Authorization = new("Bearer", token);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, ffmpeg {FfmpegVersion()}; test camera 640x360 25 fps H.264 over HTTP MPEG-TS; live sub-stream {360}p 15 fps x264 ultrafast/zerolatency, fMP4 fragments of 7 frames");

try
{
    // 1. Glass-to-glass: the clock burned into the camera's picture vs the browser's clock when the frame is shown.
    var camera = await AddCamera(0);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"],
    });
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });
    var page = await context.NewPageAsync();
    await page.GotoAsync(new Uri(baseUrl, $"/video/live.html?camera={camera}").ToString());
    await page.WaitForFunctionAsync("() => window.ccLive && window.ccLive.state === 'playing'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
    await Task.Delay(3000);
    await page.EvaluateAsync("() => window.ccLive.latencies.length = 0");
    var chromium = CpuClock.Find("chromium");
    var feedPid = feeds.Running.Single().Pid;
    var cpu0 = (Feed: CpuClock.Seconds(feedPid), Browser: CpuClock.Seconds(chromium), Server: Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    var clock = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(latencySeconds));
    var wall = clock.Elapsed.TotalSeconds;
    var latencies = (await page.EvaluateAsync<double[]>("() => window.ccLive.latencies.slice()")).Order().ToArray();
    var dropped = await page.EvaluateAsync<int>("() => document.getElementById('video').getVideoPlaybackQuality().droppedVideoFrames");
    Console.WriteLine($"glass-to-glass over {wall:0} s, {latencies.Length} frames read: p50 {P(latencies, 50):0} ms, p95 {P(latencies, 95):0} ms, p99 {P(latencies, 99):0} ms, min {latencies.FirstOrDefault():0} ms, max {latencies.LastOrDefault():0} ms; dropped frames {dropped}");
    Console.WriteLine($"  CPU during it (% of one core): live ffmpeg {Pct(CpuClock.Seconds(feedPid) - cpu0.Feed, wall)}, Chromium {Pct(CpuClock.Seconds(chromium) - cpu0.Browser, wall)}, server+bench process {Pct(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu0.Server, wall)}");
    await page.CloseAsync();
    await context.CloseAsync();
    await browser.CloseAsync();
    await WaitNoFeeds();

    // 2. Concurrent feeds: n cameras, one HTTP reader each, until a feed no longer keeps real time.
    var expectedFragmentsPerSecond = 15.0 / 7;
    var readers = new List<(CancellationTokenSource Stop, Task Task)>();
    Console.WriteLine("feeds | fragments/s per feed (min, expected 2.14) | live ffmpeg CPU total / per feed (% of one core) | test camera encoders CPU | machine busy | holds");
    for (var n = 1; n <= maxFeeds; n = n < 4 ? n + 1 : n + 2)
    {
        while (readers.Count < n)
        {
            var id = readers.Count < cameras.Count ? $"43010299.bench-{readers.Count}" : await AddCamera(cameras.Count);
            var stop = new CancellationTokenSource();
            readers.Add((stop, Drain(http, id, stop.Token)));
        }

        await Task.Delay(4000);
        var livePids = feeds.Running.Select(f => f.Pid).ToList();
        var f0 = feeds.Running.ToDictionary(f => f.CameraId, f => f.FragmentsSent);
        var c0 = (Live: CpuClock.Seconds(livePids), Cams: CpuClock.Seconds(cameras.Select(c => c.EncoderPid)), Idle: IdleSeconds());
        var step = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(stepSeconds));
        var seconds = step.Elapsed.TotalSeconds;
        var rates = feeds.Running.Select(f => (f.FragmentsSent - f0.GetValueOrDefault(f.CameraId)) / seconds).ToList();
        var live = CpuClock.Seconds(livePids) - c0.Live;
        var cams = CpuClock.Seconds(cameras.Select(c => c.EncoderPid)) - c0.Cams;
        var busy = 100 - ((IdleSeconds() - c0.Idle) / seconds / Environment.ProcessorCount * 100);
        var holds = rates.Count == n && rates.Min() >= expectedFragmentsPerSecond * 0.9;
        Console.WriteLine($"{n,5} | {rates.DefaultIfEmpty(0).Min():0.00} | {Pct(live, seconds)} / {Pct(live / n, seconds)} | {Pct(cams, seconds)} | {busy:0} % | {(holds ? "held" : "did not hold")}");
        if (!holds)
        {
            break;
        }
    }

    foreach (var (stop, task) in readers)
    {
        await stop.CancelAsync();
        await task.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    await WaitNoFeeds();
    Console.WriteLine($"ffmpeg left running by the server after the run: {serverTable.Count}");
}
finally
{
    foreach (var camera in cameras)
    {
        await camera.DisposeAsync();
    }

    await app.StopAsync();
    await app.DisposeAsync();
    if (Directory.Exists(recordings))
    {
        Directory.Delete(recordings, true);
    }
}

async Task<string> AddCamera(int index)
{
    var camera = TestCamera.Start("/usr/bin/ffmpeg", cameraTable, TimeProvider.System, $"bench {index}");
    cameras.Add(camera);
    var id = $"43010299.bench-{index}";
    await registry.Register(new CameraRegistration(id, "001", camera.Url.ToString(), "plan", null));
    return id;
}

async Task WaitNoFeeds()
{
    for (var i = 0; i < 100 && (feeds.Running.Count > 0 || serverTable.Count > 0); i++)
    {
        await Task.Delay(100);
    }
}

static async Task Drain(HttpClient http, string cameraId, CancellationToken stop)
{
    try
    {
        using var response = await http.GetAsync($"/api/v1/video/live/{cameraId}", HttpCompletionOption.ResponseHeadersRead, stop);
        await using var body = await response.Content.ReadAsStreamAsync(stop);
        var buffer = new byte[64 * 1024];
        while (await body.ReadAsync(buffer, stop) > 0)
        {
        }
    }
    catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
    {
    }
}

static async Task<string> Token(HttpClient http)
{
    using var response = await http.PostAsync("/api/v1/auth/token", new StringContent(
        """{"userName":"admin","password":"Bench-Admin-Pass-2026"}""", System.Text.Encoding.UTF8, "application/json"));
    response.EnsureSuccessStatusCode();
    using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return json.RootElement.GetProperty("accessToken").GetString()!;
}

static double P(double[] sorted, int percentile) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];

static string Pct(double cpuSeconds, double wallSeconds) => (cpuSeconds / wallSeconds * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

static double IdleSeconds()
{
    var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return long.Parse(cpu[4], CultureInfo.InvariantCulture) / 100.0;
}

static string FfmpegVersion()
{
    using var process = Process.Start(new ProcessStartInfo("/usr/bin/ffmpeg", "-version") { RedirectStandardOutput = true })!;
    var first = process.StandardOutput.ReadLine() ?? "";
    process.WaitForExit();
    return first.Split(' ').ElementAtOrDefault(2) ?? "?";
}

static string FindWebRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "src", "CommandCenter.Server", "wwwroot");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException("src/CommandCenter.Server/wwwroot");
}

static int Arg(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
