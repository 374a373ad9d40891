namespace CommandCenter.Server.Ingest;

/// <summary>How many of ingest's broker connections are subscribed (for /healthz and the dashboard banner).</summary>
public sealed class IngestReadiness
{
    private int _subscribed;

    public bool Subscribed => Volatile.Read(ref _subscribed) > 0;

    public int SubscribedConnections => Volatile.Read(ref _subscribed);

    public DateTimeOffset? LastChange { get; private set; }

    public string? LastError { get; private set; }

    public void Connected(DateTimeOffset at)
    {
        Interlocked.Increment(ref _subscribed);
        LastChange = at;
        LastError = null;
    }

    public void Lost(DateTimeOffset at, string error)
    {
        Interlocked.Decrement(ref _subscribed);
        LastChange = at;
        LastError = error;
    }

    public void Failed(DateTimeOffset at, string error)
    {
        LastChange = at;
        LastError = error;
    }
}
