namespace CommandCenter.Edge.Queue;

/// <summary>A segment given up to the disk budget: how many of its records had not been sent yet.</summary>
internal sealed record DroppedSegment(string FileName, int Records, long Unsent, long Bytes, DateTimeOffset From, DateTimeOffset To);
