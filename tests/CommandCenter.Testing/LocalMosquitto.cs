using System.Diagnostics;
using System.Net.Sockets;

namespace CommandCenter.Testing;

/// <summary>
/// A Mosquitto broker of one's own on a free loopback port (anonymous, no persistence), started from
/// Debian's package (deploy/local/install.sh installs it) and killed on dispose.
/// </summary>
public sealed class LocalMosquitto : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private LocalMosquitto(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <param name="extraConfig">More mosquitto.conf lines, e.g. queue limits.</param>
    public static Task<LocalMosquitto> StartAsync(params string[] extraConfig) =>
        StartWithAsync((port, _) => [$"listener {port} 127.0.0.1", "allow_anonymous true", .. extraConfig]);

    /// <summary>A broker with a configuration of the caller's (given the port and the broker's own directory).</summary>
    public static async Task<LocalMosquitto> StartWithAsync(Func<int, string, IEnumerable<string>> configure)
    {
        var port = FreePorts.Next();
        var dir = Directory.CreateTempSubdirectory("cc-mosquitto-").FullName;
        var config = Path.Combine(dir, "mosquitto.conf");
        // No logging: an undrained log pipe fills after a few hundred connections and stalls the broker.
        await File.WriteAllLinesAsync(config, [.. configure(port, dir), "persistence false", "log_dest none"]);
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("mosquitto", ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("mosquitto did not start");
            process.ErrorDataReceived += (_, _) => { };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("mosquitto is not installed: run deploy/local/install.sh (the test command does)");
        }

        var broker = new LocalMosquitto(process, dir, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return broker;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await broker.DisposeAsync();
        throw new TimeoutException("mosquitto did not listen within 10 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
