using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommandCenter.Edge.Checks;
using CommandCenter.Edge.Tests.Harness;
using CommandCenter.Testing;

namespace CommandCenter.Edge.Tests;

/// <summary>The agent's own checks: its clock against an NTP server, and its cameras' streams with ffprobe.</summary>
public sealed class LocalChecksTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task the_clock_is_checked_against_an_ntp_server_and_an_offset_beyond_tolerance_is_reported()
    {
        using var server = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        var serving = ServeNtpAsync(server, TimeSpan.FromSeconds(-3), stop.Token); // the server is 3 s behind: the agent is 3 s ahead

        await using var agent = await RunningAgent.StartAsync(_dir.Sub("queue"), "--Edge:Clock:Reference=ntp",
            $"--Edge:Clock:NtpServer=127.0.0.1:{port}", "--Edge:Clock:CheckInterval=00:00:01");
        var status = await Poll.UntilAsync(agent.StatusAsync, s => s.GetProperty("clock").ValueKind != System.Text.Json.JsonValueKind.Null,
            TimeSpan.FromSeconds(10), "a clock reading");
        Assert.InRange(status.GetProperty("clock").GetProperty("offsetMs").GetInt64(), 2900, 3100);
        Assert.False(status.GetProperty("clock").GetProperty("withinTolerance").GetBoolean());
        Assert.Contains(agent.Logs.Warnings, w => w.Contains("ms off NTP server") && w.Contains("Edge:Clock:ToleranceMs"));
        Assert.Empty(agent.Logs.Errors);
        await stop.CancelAsync();
        await serving;
    }

    [Fact]
    public async Task cameras_are_probed_with_ffprobe_and_one_that_stops_answering_gets_an_offline_event()
    {
        var stream = _dir.Sub("cam.ts");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", "testsrc=duration=2:size=160x120:rate=10", "-c:v", "mpeg2video", "-f", "mpegts", stream])
            { RedirectStandardError = true })!)
        {
            await ffmpeg.WaitForExitAsync();
            Assert.True(ffmpeg.ExitCode == 0, "ffmpeg could not make the test stream: " + await ffmpeg.StandardError.ReadToEndAsync());
        }

        var port = FreePorts.Next();
        using var http = new HttpListener();
        http.Prefixes.Add($"http://127.0.0.1:{port}/");
        http.Start();
        var serving = ServeFileAsync(http, stream);
        await using var agent = await RunningAgent.StartAsync(_dir.Sub("queue"),
            "--Edge:Devices:0:Id=r001-cam", "--Edge:Devices:0:Kind=camera", "--Edge:Devices:0:Room=001",
            $"--Edge:Devices:0:StreamUrl=http://127.0.0.1:{port}/cam.ts", "--Edge:Devices:0:StatusFromProbe=true",
            "--Edge:Devices:1:Id=r002-cam", "--Edge:Devices:1:Kind=camera", "--Edge:Devices:1:Room=002",
            $"--Edge:Devices:1:StreamUrl=http://127.0.0.1:{FreePorts.Next()}/gone.ts",
            "--Edge:Cameras:ProbeInterval=00:01:00", "--Edge:Cameras:ProbeTimeout=00:00:10");

        var status = await Poll.UntilAsync(agent.StatusAsync, s => s.GetProperty("cameras").GetArrayLength() == 2, TimeSpan.FromSeconds(20), "both cameras probed");
        var probes = status.GetProperty("cameras").EnumerateArray().ToDictionary(c => c.GetProperty("deviceId").GetString()!);
        Assert.True(probes["r001-cam"].GetProperty("online").GetBoolean(), probes["r001-cam"].GetProperty("error").ToString());
        Assert.Equal(10, probes["r001-cam"].GetProperty("fps").GetDouble(), 0.5);
        Assert.False(probes["r002-cam"].GetProperty("online").GetBoolean());

        var devices = status.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!);
        Assert.Contains("\"online\":true", devices["r001-cam"].GetProperty("lastStatus").GetString());
        Assert.Contains("\"type\":\"offline\"", devices["r002-cam"].GetProperty("lastEvent").GetString());
        Assert.Equal(1, status.GetProperty("queue").GetProperty("kept").GetProperty("pending").GetInt64());
        Assert.Empty(agent.Logs.Errors);
        http.Stop();
        await serving;
    }

    private static async Task ServeNtpAsync(UdpClient server, TimeSpan skew, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var request = await server.ReceiveAsync(cancellationToken);
                var reply = new byte[48];
                reply[0] = 0x24; // version 4, mode 4 (server)
                var now = DateTimeOffset.UtcNow + skew;
                SntpClient.WriteTimestamp(reply.AsSpan(32), now);
                SntpClient.WriteTimestamp(reply.AsSpan(40), now);
                await server.SendAsync(reply, request.RemoteEndPoint, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ServeFileAsync(HttpListener http, string path)
    {
        try
        {
            while (http.IsListening)
            {
                var context = await http.GetContextAsync();
                context.Response.ContentType = "video/mp2t";
                var bytes = await File.ReadAllBytesAsync(path);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
