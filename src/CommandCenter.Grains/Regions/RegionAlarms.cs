using CommandCenter.Abstractions.Alarms;

namespace CommandCenter.Grains.Regions;

/// <summary>
/// The alarms a region lists: every unclosed one of its sites that no storm alarm stands for, and the
/// latest closed ones. The sites keep the full history.
/// </summary>
internal sealed class RegionAlarms
{
    private const int ClosedKept = 500;

    private readonly Dictionary<string, AlarmView> _unclosed = new(StringComparer.Ordinal);
    private readonly LinkedList<AlarmView> _closed = new();

    public void Apply(AlarmView alarm)
    {
        if (alarm.IsClosed)
        {
            _unclosed.Remove(alarm.Id);
            _closed.AddFirst(alarm);
            if (_closed.Count > ClosedKept)
            {
                _closed.RemoveLast();
            }
        }
        else if (alarm.AggregatedInto is not null)
        {
            _unclosed.Remove(alarm.Id);
        }
        else
        {
            _unclosed[alarm.Id] = alarm;
        }
    }

    /// <summary>Unclosed first (newest first), then the closed ones.</summary>
    public IReadOnlyList<AlarmView> List() =>
        _unclosed.Values.OrderByDescending(a => a.FirstSeen).Concat(_closed).ToList();
}
