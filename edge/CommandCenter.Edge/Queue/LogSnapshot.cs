namespace CommandCenter.Edge.Queue;

/// <summary>One log as the status page shows it.</summary>
public sealed record LogSnapshot(long Pending, long Bytes, int Segments, long AckedSeq, long NextSeq, DateTimeOffset? OldestPendingSince);
