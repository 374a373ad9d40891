using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CommandCenter.Contracts.Parsing;

namespace CommandCenter.Server.Ingest;

/// <summary>
/// What ingest did with every message, per site and per reason. Lock-free counters; read by the
/// stats endpoint and exported as metrics. Site entries are capped so garbage site ids cannot
/// grow memory without bound.
/// </summary>
public sealed class IngestStats
{
    public const string MeterName = "CommandCenter.Ingest";
    private const int MaxSites = 20_000;
    private const string OtherSites = "(other)";

    private readonly ConcurrentDictionary<string, SiteIngestCounters> _sites = new(StringComparer.Ordinal);
    private readonly SiteIngestCounters _total = new("*");
    private readonly Counter<long> _acceptedCounter;
    private readonly Counter<long> _rejectedCounter;
    private readonly Counter<long> _duplicateCounter;
    private long _messages;
    private long _failedGrainCalls;
    private Func<IngestBacklog> _backlog = () => default;

    public IngestStats(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _acceptedCounter = meter.CreateCounter<long>("cc.ingest.accepted", "{item}", "Statuses and events accepted");
        _rejectedCounter = meter.CreateCounter<long>("cc.ingest.rejected", "{item}", "Messages or items rejected");
        _duplicateCounter = meter.CreateCounter<long>("cc.ingest.duplicates", "{item}", "Duplicates without effect");
        meter.CreateObservableCounter("cc.ingest.messages", () => Interlocked.Read(ref _messages), "{message}", "MQTT messages received");
    }

    public long Messages => Interlocked.Read(ref _messages);

    public void RecordMessage() => Interlocked.Increment(ref _messages);

    public void RecordAccepted(string siteId, int count)
    {
        if (count == 0)
        {
            return;
        }

        _total.AddAccepted(count);
        Site(siteId).AddAccepted(count);
        _acceptedCounter.Add(count);
    }

    public void RecordDuplicates(string siteId, int count)
    {
        if (count == 0)
        {
            return;
        }

        _total.AddDuplicates(count);
        Site(siteId).AddDuplicates(count);
        _duplicateCounter.Add(count);
    }

    public void RecordOutOfOrder(string siteId, int count)
    {
        if (count == 0)
        {
            return;
        }

        _total.AddOutOfOrder(count);
        Site(siteId).AddOutOfOrder(count);
    }

    /// <summary><paramref name="siteId"/> may be null or malformed; such rejections are kept under "(other)".</summary>
    public void RecordRejection(string? siteId, RejectReason reason)
    {
        _total.AddRejected(reason);
        Site(siteId).AddRejected(reason);
        _rejectedCounter.Add(1, new KeyValuePair<string, object?>("reason", reason.ToWire()));
    }

    public void RecordFailedGrainCall(int items) => Interlocked.Add(ref _failedGrainCalls, items);

    /// <summary>The pipeline tells where its backlog can be read (queued messages, pending updates, calls in flight).</summary>
    public void ObserveBacklog(Func<IngestBacklog> backlog) => _backlog = backlog;

    public IngestStatsView Snapshot(int worst = 10)
    {
        var worstSites = _sites.Values
            .Where(s => s.RejectedTotal > 0)
            .OrderByDescending(s => s.RejectedTotal)
            .Take(worst)
            .Select(s => s.ToView())
            .ToList();
        var total = _total.ToView();
        return new IngestStatsView(Messages, total.Accepted, total.Duplicates, total.OutOfOrder, total.RejectedTotal,
            total.Rejected, Interlocked.Read(ref _failedGrainCalls), _sites.Count, _backlog(), worstSites);
    }

    private SiteIngestCounters Site(string? siteId)
    {
        var key = siteId is not null && CommandCenter.Contracts.Protocol.Identifiers.IsSiteId(siteId) ? siteId : OtherSites;
        if (_sites.TryGetValue(key, out var counters))
        {
            return counters;
        }

        if (_sites.Count >= MaxSites)
        {
            key = OtherSites;
        }

        return _sites.GetOrAdd(key, k => new SiteIngestCounters(k));
    }
}

public sealed record IngestStatsView(
    long Messages,
    long Accepted,
    long Duplicates,
    long OutOfOrder,
    long RejectedTotal,
    IReadOnlyDictionary<string, long> Rejected,
    long FailedGrainCalls,
    int Sites,
    IngestBacklog Backlog,
    IReadOnlyList<SiteIngestView> WorstSites);

/// <summary>Work inside ingest right now: messages queued for parsing, updates waiting for their grain call, calls in flight.</summary>
public readonly record struct IngestBacklog(int QueuedMessages, int PendingUpdates, int GrainCallsInFlight);

public sealed record SiteIngestView(
    string SiteId, long Accepted, long Duplicates, long OutOfOrder, long RejectedTotal, IReadOnlyDictionary<string, long> Rejected);
