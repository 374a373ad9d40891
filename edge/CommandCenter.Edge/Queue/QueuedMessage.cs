namespace CommandCenter.Edge.Queue;

/// <summary>A message read back from the queue, to be published on <see cref="Topic"/>.</summary>
public sealed record QueuedMessage(QueueClass Class, long Seq, DateTimeOffset EnqueuedAt, string Topic, byte[] Payload);
