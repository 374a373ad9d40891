using System.Diagnostics.Metrics;

namespace CommandCenter.Server.History;

/// <summary>The history writer's counters (API, health and metrics read them).</summary>
public sealed class HistoryStats
{
    public const string MeterName = "CommandCenter.History";

    public HistoryStats(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("cc.history.points_written", () => Written, "{point}");
        meter.CreateObservableCounter("cc.history.failed_requests", () => FailedRequests, "{request}");
        meter.CreateObservableGauge("cc.history.backlog", () => Backlog, "{point}");
    }

    private long _queued;
    private long _written;
    private long _requests;
    private long _failedRequests;
    private long _dropped;

    public long Queued => Interlocked.Read(ref _queued);

    public long Written => Interlocked.Read(ref _written);

    public long Requests => Interlocked.Read(ref _requests);

    public long FailedRequests => Interlocked.Read(ref _failedRequests);

    /// <summary>Points InfluxDB refused as malformed (HTTP 400): retrying cannot help.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int Backlog { get; set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastWrite { get; private set; }

    internal void RecordQueued() => Interlocked.Increment(ref _queued);

    internal void RecordWritten(int points, DateTimeOffset at)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _written, points);
        LastWrite = at;
        LastError = null;
    }

    internal void RecordFailure(string error)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _failedRequests);
        LastError = error;
    }

    internal void RecordDropped(int points) => Interlocked.Add(ref _dropped, points);
}
