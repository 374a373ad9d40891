using System.Net;
using System.Net.Sockets;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Devices.Line;

/// <summary>
/// The generic line adapter: <see cref="LineProtocol"/> over TCP connections (<c>Edge:Line:Port</c>) and
/// over a serial device (<c>Edge:Line:SerialDevice</c>), which is reopened when it goes away.
/// </summary>
public sealed class LineDeviceAdapter(IOptions<EdgeOptions> options, AgentAlerts alerts, TimeProvider time, ILogger<LineDeviceAdapter> logger)
    : IDeviceAdapter
{
    private const int MaxConnections = 64;
    private static readonly TimeSpan SerialRetry = TimeSpan.FromSeconds(10);
    private readonly LineSettings _settings = options.Value.Line;
    private int _connections;

    public string Name => "line";

    /// <summary>The TCP endpoint actually bound (port 0 picks one), once listening.</summary>
    public IPEndPoint? LocalEndpoint { get; private set; }

    public Task RunAsync(DeviceInbox inbox, CancellationToken stoppingToken)
    {
        var loops = new List<Task>();
        if (_settings.Port > 0)
        {
            loops.Add(ListenAsync(inbox, stoppingToken));
        }

        if (!string.IsNullOrWhiteSpace(_settings.SerialDevice))
        {
            loops.Add(SerialAsync(inbox, _settings.SerialDevice, stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private async Task ListenAsync(DeviceInbox inbox, CancellationToken stoppingToken)
    {
        var listener = new TcpListener(IPAddress.Parse(_settings.Address), _settings.Port);
        listener.Start();
        LocalEndpoint = (IPEndPoint)listener.LocalEndpoint;
        logger.LogInformation("Line adapter listening on tcp://{Endpoint}", LocalEndpoint);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken).ConfigureAwait(false);
                if (Interlocked.Increment(ref _connections) > MaxConnections)
                {
                    Interlocked.Decrement(ref _connections);
                    logger.LogWarning("Line adapter: more than {Max} connections, refusing {Remote}", MaxConnections, client.Client.RemoteEndPoint);
                    client.Dispose();
                    continue;
                }

                _ = ServeAsync(client, inbox, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task ServeAsync(TcpClient client, DeviceInbox inbox, CancellationToken stoppingToken)
    {
        var remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            using (client)
            {
                await LineProtocol.RunAsync(client.GetStream(), inbox, Name, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            logger.LogDebug("Line adapter: connection from {Remote} ended: {Reason}", remote, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    private async Task SerialAsync(DeviceInbox inbox, string device, CancellationToken stoppingToken)
    {
        var reported = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var stream = new FileStream(device, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, useAsync: false);
                reported = false;
                logger.LogInformation("Line adapter reading {Device}", device);
                await LineProtocol.RunAsync(stream, inbox, Name, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (!reported)
                {
                    alerts.Raise(LogLevel.Warning, "line", $"serial device {device} (Edge:Line:SerialDevice) cannot be read: {ex.Message}; trying again every {SerialRetry.TotalSeconds:0} s");
                    reported = true;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(SerialRetry, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
