using System.Diagnostics;
using System.Net.Sockets;
using CommandCenter.Testing;

namespace CommandCenter.Server.Tests.Cluster;

/// <summary>The Redis the test command started (CC_TEST_REDIS), else one of our own on a free port.</summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private readonly Process? _process;

    private LocalRedis(string configuration, Process? process)
    {
        Configuration = configuration;
        _process = process;
    }

    public string Configuration { get; }

    public static async Task<LocalRedis> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CC_TEST_REDIS") is { Length: > 0 } given)
        {
            return new LocalRedis(given, null);
        }

        var port = FreePorts.Next();
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
            }) ?? throw new InvalidOperationException("redis-server did not start");
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("redis-server is not installed: run deploy/local/install.sh (the test command does)");
        }

        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return new LocalRedis($"127.0.0.1:{port}", process);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new TimeoutException("redis-server did not listen within 5 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
