using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Checks;

/// <summary>
/// With <c>Edge:Clock:Reference=ntp</c>, checks the agent's clock against the NTP server every
/// <c>CheckInterval</c>. With <c>center</c>, the center's <c>time_reference</c> commands do it (see CommandHandler).
/// </summary>
public sealed class ClockMonitor(IOptions<EdgeOptions> options, ClockState clock, AgentAlerts alerts, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);
    private readonly ClockSettings _settings = options.Value.Clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_settings.Reference != "ntp" || string.IsNullOrWhiteSpace(_settings.NtpServer))
        {
            return;
        }

        var failing = false;
        using var timer = new PeriodicTimer(_settings.CheckInterval, time);
        try
        {
            do
            {
                try
                {
                    var offset = await SntpClient.QueryOffsetMsAsync(_settings.NtpServer, time, QueryTimeout, stoppingToken).ConfigureAwait(false);
                    clock.Record(time.GetUtcNow(), $"NTP server {_settings.NtpServer}", offset);
                    failing = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        alerts.Raise(LogLevel.Warning, "clock", $"NTP server {_settings.NtpServer} (Edge:Clock:NtpServer) did not answer: {ex.Message}");
                        failing = true;
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
