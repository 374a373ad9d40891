namespace CommandCenter.Edge.Mqtt;

/// <summary>A token bucket: at most <c>perSecond</c> messages a second, bursts of up to one second's worth.</summary>
internal sealed class RateGate(int perSecond, TimeProvider time)
{
    private double _tokens = perSecond;
    private long _last = time.GetTimestamp();

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (perSecond <= 0)
        {
            return;
        }

        while (true)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(perSecond, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens--;
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds((1 - _tokens) / perSecond), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
