namespace CommandCenter.Server.Ingest;

/// <summary>
/// A token bucket per site, checked before parsing so that a site flooding garbage spends only
/// its own share. Used from the single MQTT receive loop, hence not thread-safe.
/// </summary>
internal sealed class SiteRateLimiter(double perSecond, int burst, TimeProvider time)
{
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public bool TryTake(string siteId)
    {
        var now = time.GetTimestamp();
        if (!_buckets.TryGetValue(siteId, out var bucket))
        {
            if (_buckets.Count > 50_000)
            {
                _buckets.Clear(); // garbage site ids: forget everyone rather than grow
            }

            bucket = new Bucket { Tokens = burst, Stamp = now };
            _buckets[siteId] = bucket;
        }

        var elapsed = time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
        bucket.Tokens = Math.Min(burst, bucket.Tokens + (elapsed * perSecond));
        bucket.Stamp = now;
        if (bucket.Tokens < 1)
        {
            return false;
        }

        bucket.Tokens -= 1;
        return true;
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long Stamp { get; set; }
    }
}
