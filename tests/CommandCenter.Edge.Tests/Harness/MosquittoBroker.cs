using System.Diagnostics;
using System.Net.Sockets;
using CommandCenter.Testing;

namespace CommandCenter.Edge.Tests.Harness;

/// <summary>
/// A real Mosquitto on a loopback port of its own that can be stopped and started again on the same
/// port. Persistence is on, so a subscriber's persistent session (and what was queued for it) survives
/// the restart, as it would at the center.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private Process? _process;

    private MosquittoBroker(int port) => Port = port;

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync(int? port = null)
    {
        var broker = new MosquittoBroker(port ?? FreePorts.Next());
        await broker.StartAgainAsync();
        return broker;
    }

    public async Task StartAgainAsync()
    {
        var config = _dir.Sub("mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {_dir.Path}/
            user root
            max_queued_messages 0
            max_inflight_messages 100
            log_dest stderr
            """);
        var info = new ProcessStartInfo("mosquitto", ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException("mosquitto did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("mosquitto is not installed: run deploy/local/install.sh (the test command does)");
        }

        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode} (port {Port} taken?)");
                }

                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on {Port} within 10 s");
    }

    /// <summary>SIGTERM, as an operator's stop: Mosquitto saves its sessions and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _dir.Dispose();
    }
}
