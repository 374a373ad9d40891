using System.Diagnostics;

namespace CommandCenter.Bench;

/// <summary>A Mosquitto broker of the benchmark's own on a free loopback port.</summary>
internal sealed class Mosquitto : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private Mosquitto(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public static async Task<Mosquitto> StartAsync()
    {
        var port = ServerProcess.FreePort();
        var dir = Directory.CreateTempSubdirectory("cc-bench-mosquitto-").FullName;
        var config = Path.Combine(dir, "mosquitto.conf");
        // max_queued_messages: the ingest subscriber may lag for a moment at the ceiling; queue rather than drop.
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 200000\nmax_inflight_messages 1000\n");
        var process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", config]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("mosquitto did not start (deploy/local/install.sh installs it)");
        await Task.Delay(300);
        return new Mosquitto(process, dir, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        Directory.Delete(_dir, true);
    }
}
