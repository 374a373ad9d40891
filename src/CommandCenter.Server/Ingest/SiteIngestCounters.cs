using CommandCenter.Contracts.Parsing;

namespace CommandCenter.Server.Ingest;

/// <summary>Counters of one site (or of all sites).</summary>
internal sealed class SiteIngestCounters(string siteId)
{
    private readonly long[] _rejected = new long[RejectReasons.All.Count];
    private long _accepted;
    private long _duplicates;
    private long _outOfOrder;
    private long _rejectedTotal;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long RejectedTotal => Interlocked.Read(ref _rejectedTotal);

    public void AddAccepted(int n) => Interlocked.Add(ref _accepted, n);

    public void AddDuplicates(int n) => Interlocked.Add(ref _duplicates, n);

    public void AddOutOfOrder(int n) => Interlocked.Add(ref _outOfOrder, n);

    public void AddRejected(RejectReason reason)
    {
        Interlocked.Increment(ref _rejected[(int)reason]);
        Interlocked.Increment(ref _rejectedTotal);
    }

    public SiteIngestView ToView() => new(
        siteId,
        Accepted,
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _outOfOrder),
        RejectedTotal,
        RejectReasons.All
            .Where(r => Interlocked.Read(ref _rejected[(int)r]) > 0)
            .ToDictionary(r => r.ToWire(), r => Interlocked.Read(ref _rejected[(int)r])));
}
