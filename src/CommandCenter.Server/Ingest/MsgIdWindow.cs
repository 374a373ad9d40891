namespace CommandCenter.Server.Ingest;

/// <summary>
/// The last N message ids of one site, as 64-bit hashes (a few MB for a whole province).
/// Not thread-safe: each site belongs to one ingest worker.
/// </summary>
internal sealed class MsgIdWindow(int capacity)
{
    private readonly HashSet<ulong> _set = new(capacity);
    private readonly Queue<ulong> _order = new(capacity);

    /// <summary>False when the id was seen within the window.</summary>
    public bool Add(string msgId)
    {
        var hash = Hash(msgId);
        if (!_set.Add(hash))
        {
            return false;
        }

        _order.Enqueue(hash);
        if (_order.Count > capacity)
        {
            _set.Remove(_order.Dequeue());
        }

        return true;
    }

    // FNV-1a 64: stable across processes, good enough spread for ids of at most 64 characters.
    private static ulong Hash(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
