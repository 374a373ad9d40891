namespace CommandCenter.Edge.Queue;

/// <summary>An append waiting for the next group commit.</summary>
internal sealed class PendingAppend(QueueClass queueClass, byte[] topic, ReadOnlyMemory<byte> payload, long enqueuedUnixMs)
{
    public QueueClass Class { get; } = queueClass;

    public byte[] Topic { get; } = topic;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public long EnqueuedUnixMs { get; } = enqueuedUnixMs;

    /// <summary>Set by the writer when the record is appended.</summary>
    public long Seq { get; set; }

    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
