namespace CommandCenter.Edge.Queue;

/// <summary>The whole queue as the status page shows it.</summary>
public sealed record QueueSnapshot(
    string Directory,
    LogSnapshot Kept,
    LogSnapshot Droppable,
    long MaxBytes,
    long DroppedStatus,
    long DroppedKept,
    long WriteFailures,
    IReadOnlyList<string> Quarantined);
