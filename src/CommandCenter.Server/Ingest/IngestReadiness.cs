namespace CommandCenter.Server.Ingest;

/// <summary>Whether ingest is subscribed to the broker (for /healthz and the dashboard banner).</summary>
public sealed class IngestReadiness
{
    private volatile bool _subscribed;

    public bool Subscribed => _subscribed;

    public DateTimeOffset? LastChange { get; private set; }

    public string? LastError { get; private set; }

    public void Set(bool subscribed, DateTimeOffset at, string? error = null)
    {
        _subscribed = subscribed;
        LastChange = at;
        LastError = error;
    }
}
