namespace CommandCenter.Edge.Devices;

public enum SubmitOutcome
{
    /// <summary>Written to the durable queue (fsync'd): events, custody, reports.</summary>
    Queued,

    /// <summary>A status, held for its room's next batch.</summary>
    Batched,

    /// <summary>Refused with a reason; the sender should not retry it unchanged.</summary>
    Rejected,

    /// <summary>The queue could not take it (disk error, stopping): the sender should retry.</summary>
    Unavailable,
}
