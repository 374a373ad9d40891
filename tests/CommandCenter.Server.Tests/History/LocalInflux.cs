using System.Diagnostics;

namespace CommandCenter.Server.Tests.History;

/// <summary>An InfluxDB of the test's own, run by deploy/local/start.sh so that it can be stopped and started again on the same port and data.</summary>
public sealed class LocalInflux : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _repo;

    private LocalInflux(string repo, string dir, int port)
    {
        _repo = repo;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public static async Task<LocalInflux> StartAsync()
    {
        var repo = Repo();
        var dir = Directory.CreateTempSubdirectory("cc-influx-").FullName;
        await Run(repo, "start.sh", "--dir", dir, "--only", "influx");
        var env = await File.ReadAllTextAsync(Path.Combine(dir, "env.sh"));
        var url = env.Split('\n').Single(l => l.Contains("CC_TEST_INFLUX_URL=", StringComparison.Ordinal)).Split('=')[1].Trim();
        return new LocalInflux(repo, dir, new Uri(url).Port);
    }

    public Task Stop() => Run(_repo, "stop.sh", "--dir", _dir);

    public Task Restart() => Run(_repo, "start.sh", "--dir", _dir, "--only", "influx", "--influx-port", Port.ToString());

    public async ValueTask DisposeAsync()
    {
        await Stop();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task Run(string repo, string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repo, "deploy", "local", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await stdout}\n{await stderr}");
        }
    }

    private static string Repo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }
}
