namespace CommandCenter.Edge.Queue;

/// <summary>What a queued message may lose when the disk budget runs out.</summary>
public enum QueueClass
{
    /// <summary>Events, custody records, reports and command acknowledgements: kept; dropped only when nothing else is left.</summary>
    Kept,

    /// <summary>Periodic status batches: dropped first, oldest first, when the disk budget is full.</summary>
    Droppable,
}
