namespace CommandCenter.Edge.Mqtt;

/// <summary>The forwarder's view of the broker link, for the status page.</summary>
public sealed class BrokerStatus
{
    private readonly object _gate = new();
    private string _broker = "";
    private bool _connected;
    private DateTimeOffset? _since;
    private DateTimeOffset? _lastPuback;
    private long _published;
    private long _refused;
    private int _failedAttempts;
    private DateTimeOffset? _nextAttempt;
    private string? _lastError;

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    public void Target(string broker)
    {
        lock (_gate)
        {
            _broker = broker;
        }
    }

    public void Connected(DateTimeOffset now)
    {
        lock (_gate)
        {
            (_connected, _since, _failedAttempts, _nextAttempt) = (true, now, 0, null);
        }
    }

    public void Disconnected(DateTimeOffset now, string reason)
    {
        lock (_gate)
        {
            (_connected, _since, _lastError) = (false, now, reason);
        }
    }

    public void Failed(string reason)
    {
        lock (_gate)
        {
            _failedAttempts++;
            _lastError = reason;
        }
    }

    public void Waiting(DateTimeOffset nextAttempt)
    {
        lock (_gate)
        {
            _nextAttempt = nextAttempt;
        }
    }

    public void Acknowledged(DateTimeOffset now, bool refused)
    {
        lock (_gate)
        {
            _lastPuback = now;
            _published++;
            if (refused)
            {
                _refused++;
            }
        }
    }

    public BrokerSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new BrokerSnapshot(_broker, _connected, _since, _lastPuback, _published, _refused, _failedAttempts, _nextAttempt, _lastError);
        }
    }
}
