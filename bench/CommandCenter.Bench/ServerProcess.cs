using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Testing;

namespace CommandCenter.Bench;

/// <summary>The command center as its own process (production-like), with its CPU time and peak memory read from /proc.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>A bearer token of the benchmark's administrator account.</summary>
    public string Token { get; private set; } = "";

    public int Pid => _process.Id;

    /// <summary>Stops echoing the server's warnings (a cluster being taken down complains about its dead peers).</summary>
    public bool Quiet { get; set; }

    public static async Task<ServerProcess> StartAsync(int mqttPort, int ingestConnections = 1, params string[] extraArgs)
    {
        var root = RepoRoot();
        var project = Path.Combine(root, "src", "CommandCenter.Server");
        // CC_BENCH_SERVER_DIR: a copy of the build output, so that a rebuild during a long run cannot swap the server under it.
        var dll = Path.Combine(Environment.GetEnvironmentVariable("CC_BENCH_SERVER_DIR") is { Length: > 0 } copy ? copy : Path.Combine(project, "bin", "Release", "net10.0"), "CommandCenter.Server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("build the server first: dotnet build -c Release", dll);
        }

        var port = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_gcServer"] = "1" },
        };
        foreach (var arg in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}", "--Mqtt:Mode=External", $"--Mqtt:Port={mqttPort}",
            $"--Cluster:SiloPort={FreePorts.Next()}", $"--Cluster:GatewayPort={FreePorts.Next()}", "--Simulation:Mode=Off",
            "--Logging:LogLevel:Default=Warning", "--Auth:BootstrapAdmin:User=bench", $"--Auth:BootstrapAdmin:Password={Password}", $"--Mqtt:IngestConnections={ingestConnections}",
        }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        ServerProcess? self = null;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && self?.Quiet != true && (line.Contains("fail:", StringComparison.Ordinal) || line.Contains("warn:", StringComparison.Ordinal))) Console.Error.WriteLine("server: " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && self?.Quiet != true) Console.Error.WriteLine("server: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        self = server;
        using var http = new HttpClient { BaseAddress = server.Url };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "bench", password = Password });
                    token.EnsureSuccessStatusCode();
                    server.Token = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new TimeoutException("server not healthy within 60 s");
    }

    /// <summary>User + system CPU seconds so far.</summary>
    public double CpuSeconds() => CpuSecondsOf(Pid);

    /// <summary>User + system CPU seconds of any process, from /proc.</summary>
    public static double CpuSecondsOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Peak resident memory (VmHWM) in MiB.</summary>
    public double PeakMemoryMiB() => StatusKb("VmHWM") / 1024.0;

    public double MemoryMiB() => StatusKb("VmRSS") / 1024.0;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private long StatusKb(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    internal static readonly string Password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("CommandCenter.sln not found above " + AppContext.BaseDirectory);
    }
}
