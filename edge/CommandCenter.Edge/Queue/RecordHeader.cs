namespace CommandCenter.Edge.Queue;

/// <summary>What a valid record says about itself; <see cref="Size"/> counts the whole record on disk.</summary>
internal readonly record struct RecordHeader(long Seq, long EnqueuedUnixMs, int TopicLength, int Size);
