using System.Diagnostics;
using System.Net.Sockets;

namespace CommandCenter.Server.Tests.Harness;

/// <summary>A real Mosquitto on a free loopback port of its own, for the external-broker profile.</summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private MosquittoProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<MosquittoProcess> StartAsync()
    {
        var port = FreePorts.Next();
        var dir = Directory.CreateTempSubdirectory("cc-mosquitto-").FullName;
        var config = Path.Combine(dir, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var info = new ProcessStartInfo("mosquitto", ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("mosquitto is not installed: run deploy/local/install.sh (the test command does)");
        }

        var broker = new MosquittoProcess(process, dir, port);
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
