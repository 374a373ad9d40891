namespace CommandCenter.Server.Ingest;

/// <summary>How many of ingest's broker connections are subscribed (for /healthz and the dashboard banner).</summary>
public sealed class IngestReadiness
{
    private int _subscribed;

    public bool Subscribed => Volatile.Read(ref _subscribed) > 0;

    public int SubscribedConnections => Volatile.Read(ref _subscribed);

    public string? LastError { get; private set; }

    public void Connected()
    {
        Interlocked.Increment(ref _subscribed);
        LastError = null;
    }

    public void Lost(string error)
    {
        Interlocked.Decrement(ref _subscribed);
        LastError = error;
    }

    public void Failed(string error)
    {
        LastError = error;
    }
}
