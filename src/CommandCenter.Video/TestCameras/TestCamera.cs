using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using CommandCenter.Video.Processes;

namespace CommandCenter.Video.TestCameras;

/// <summary>
/// A camera without hardware: ffmpeg renders a lavfi test picture as H.264 in MPEG-TS, and this
/// class serves that one stream over HTTP on loopback to any number of readers (ffmpeg's own
/// <c>-listen</c> serves one client and exits, but a camera is read by the prober, the live feed
/// and the recorder at once). Readers join at a TS packet boundary; <see cref="Kill"/> is a camera
/// losing power: the encoder dies and connections are refused.
/// </summary>
public sealed class TestCamera : IAsyncDisposable
{
    private const int TsPacket = 188;
    private readonly TcpListener _listener;
    private readonly FfmpegProcess _encoder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Channel<byte[]>> _readers = [];
    private readonly Task _accept;
    private readonly Task _pump;

    private TestCamera(TcpListener listener, FfmpegProcess encoder)
    {
        _listener = listener;
        _encoder = encoder;
        _accept = Task.Run(Accept);
        _pump = Task.Run(Pump);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/stream.ts");

    public int EncoderPid => _encoder.Info.Pid;

    public int Readers
    {
        get
        {
            lock (_gate)
            {
                return _readers.Count;
            }
        }
    }

    /// <summary>Starts a camera on a free loopback port (or <paramref name="port"/>).</summary>
    public static TestCamera Start(string ffmpeg, FfmpegProcessTable table, TimeProvider time, string label, bool frozen = false, int port = 0)
    {
        if (!TestPicture.FontExists)
        {
            throw new InvalidOperationException($"{TestPicture.Font} is missing: install fonts-dejavu-core");
        }

        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var graph = frozen ? TestPicture.Frozen(label) : TestPicture.Moving(label);
        var encoder = FfmpegProcess.Start(ffmpeg,
        [
            "-hide_banner", "-loglevel", "error", "-nostats",
            "-re", "-f", "lavfi", "-i", graph,
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
            "-g", TestPicture.Fps.ToString(System.Globalization.CultureInfo.InvariantCulture), "-threads", "1",
            "-f", "mpegts", "-muxdelay", "0", "-flush_packets", "1", "pipe:1",
        ], table, "test-camera", label, time);
        return new TestCamera(listener, encoder);
    }

    /// <summary>Power cut: the encoder is killed, the port closed, every reader disconnected.</summary>
    public async Task Kill()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _encoder.DisposeAsync();
        await Task.WhenAll(_accept, _pump);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await Kill();
        }

        _stop.Dispose();
    }

    private async Task Pump()
    {
        var output = _encoder.Output;
        while (!_stop.IsCancellationRequested)
        {
            var chunk = new byte[TsPacket * 7];
            var read = 0;
            try
            {
                while (read < chunk.Length)
                {
                    var n = await output.ReadAsync(chunk.AsMemory(read), _stop.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                break;
            }

            if (read < chunk.Length)
            {
                break;
            }

            lock (_gate)
            {
                foreach (var reader in _readers)
                {
                    reader.Writer.TryWrite(chunk);
                }
            }
        }

        lock (_gate)
        {
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete();
            }
        }
    }

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Serve(client);
        }
    }

    private async Task Serve(TcpClient client)
    {
        var queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await ReadRequestHead(stream, _stop.Token);
                var head = "HTTP/1.1 200 OK\r\nContent-Type: video/mp2t\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"u8.ToArray();
                await stream.WriteAsync(head, _stop.Token);
                lock (_gate)
                {
                    _readers.Add(queue);
                }

                await foreach (var chunk in queue.Reader.ReadAllAsync(_stop.Token))
                {
                    await stream.WriteAsync(chunk, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The reader went away, or the camera did.
            }
            finally
            {
                lock (_gate)
                {
                    _readers.Remove(queue);
                }
            }
        }
    }

    private static async Task ReadRequestHead(NetworkStream stream, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1024];
        while (seen.Length < 16 * 1024 && !seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                throw new IOException("closed before the request ended");
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
    }
}
