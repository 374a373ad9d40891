namespace CommandCenter.Grains.Devices;

/// <summary>A bounded set of recently seen message ids: the oldest is forgotten first.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Adds <paramref name="id"/>; false when it is already there (a duplicate).</summary>
    public bool Add(string id)
    {
        if (!_set.Add(id))
        {
            return false;
        }

        _order.Enqueue(id);
        if (_order.Count > capacity)
        {
            _set.Remove(_order.Dequeue());
        }

        return true;
    }

    /// <summary>The newest <paramref name="count"/> ids, oldest first (what storage keeps).</summary>
    public List<string> Newest(int count) => _order.Skip(Math.Max(0, _order.Count - count)).ToList();
}
