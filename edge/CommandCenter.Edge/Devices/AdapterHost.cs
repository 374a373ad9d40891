using CommandCenter.Edge.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Edge.Devices;

/// <summary>Runs every adapter; one that fails is reported and restarted after a pause, never taking the agent down.</summary>
public sealed class AdapterHost(IEnumerable<IDeviceAdapter> adapters, DeviceInbox inbox, AgentAlerts alerts, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(adapters.Select(adapter => SuperviseAsync(adapter, stoppingToken)));

    private async Task SuperviseAsync(IDeviceAdapter adapter, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await adapter.RunAsync(inbox, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                alerts.Raise(LogLevel.Error, "adapter", $"the {adapter.Name} adapter failed ({ex.GetType().Name}: {ex.Message}); restarting it in {RestartDelay.TotalSeconds:0} s");
            }

            try
            {
                await Task.Delay(RestartDelay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
