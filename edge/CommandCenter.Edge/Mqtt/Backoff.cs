namespace CommandCenter.Edge.Mqtt;

/// <summary>Reconnect delays that double up to a ceiling, each with ±50 % jitter so that 400 sites do not reconnect in step.</summary>
internal sealed class Backoff(TimeSpan min, TimeSpan max, Random random)
{
    private TimeSpan? _current;

    public void Reset() => _current = null;

    public TimeSpan Next()
    {
        var current = _current ?? min;
        _current = TimeSpan.FromTicks(Math.Min(current.Ticks * 2, max.Ticks));
        var delay = current * (0.5 + random.NextDouble());
        return delay > max ? max : delay;
    }
}
