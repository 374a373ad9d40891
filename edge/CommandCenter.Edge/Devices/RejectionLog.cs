using Microsoft.Extensions.Logging;

namespace CommandCenter.Edge.Devices;

/// <summary>Counts refusals per adapter and reason, keeps the latest for the status page, and logs without flooding.</summary>
public sealed class RejectionLog(TimeProvider time, ILogger<RejectionLog> logger)
{
    private const int Capacity = 50;
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private readonly LinkedList<RejectedMessage> _recent = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastLogged = new(StringComparer.Ordinal);

    public void Add(string adapter, string? deviceId, string reason, string detail)
    {
        var now = time.GetUtcNow();
        var key = $"{adapter} {deviceId} {reason}";
        bool log;
        lock (_recent)
        {
            _recent.AddLast(new RejectedMessage(now, adapter, deviceId, reason, detail));
            if (_recent.Count > Capacity)
            {
                _recent.RemoveFirst();
            }

            var countKey = $"{adapter}/{reason}";
            _counts[countKey] = _counts.GetValueOrDefault(countKey) + 1;
            log = !_lastLogged.TryGetValue(key, out var last) || now - last >= LogEvery;
            if (log)
            {
                _lastLogged[key] = now;
            }
        }

        if (log)
        {
            logger.LogWarning("Refused a message from {Adapter} device {DeviceId}: {Reason} ({Detail}); the same again within a minute is only counted",
                adapter, deviceId ?? "(unknown)", reason, detail);
        }
    }

    public IReadOnlyList<RejectedMessage> Recent()
    {
        lock (_recent)
        {
            return _recent.Reverse().ToList();
        }
    }

    /// <summary>Totals keyed "adapter/reason".</summary>
    public IReadOnlyDictionary<string, long> Counts()
    {
        lock (_recent)
        {
            return new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);
        }
    }
}
