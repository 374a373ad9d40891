using CommandCenter.Contracts.Parsing;

namespace CommandCenter.Edge.Devices.Http;

/// <summary>
/// Devices that POST JSON to the agent (<c>/devices/{id}/status</c>, <c>/devices/{id}/event</c>,
/// <c>/custody</c>, <c>/reports</c>). Kestrel serves the requests; this adapter takes them while
/// the agent runs and answers 503 before it starts and once it stops.
/// </summary>
public sealed class HttpDeviceAdapter : IDeviceAdapter
{
    public const string AdapterName = "http";
    private volatile DeviceInbox? _inbox;

    public string Name => AdapterName;

    public async Task RunAsync(DeviceInbox inbox, CancellationToken stoppingToken)
    {
        _inbox = inbox;
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _inbox = null;
        }
    }

    public Task<SubmitResult> ReadingAsync(string deviceId, ReadingType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _inbox is { } inbox ? inbox.SubmitReadingAsync(Name, deviceId, type, body, cancellationToken) : NotRunning();

    public Task<SubmitResult> CustodyAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _inbox is { } inbox ? inbox.SubmitCustodyAsync(Name, body, cancellationToken) : NotRunning();

    public Task<SubmitResult> ReportAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        _inbox is { } inbox ? inbox.SubmitReportAsync(Name, body, cancellationToken) : NotRunning();

    private static Task<SubmitResult> NotRunning() => Task.FromResult(SubmitResult.Unavailable("the agent is starting or stopping"));
}
