using CommandCenter.Contracts.Parsing;

namespace CommandCenter.Edge.Devices;

/// <summary>What became of one message a device sent: its msgId when taken, the reason when refused.</summary>
public sealed record SubmitResult(SubmitOutcome Outcome, string? MsgId, string? Error, string? Detail)
{
    public bool Accepted => Outcome is SubmitOutcome.Queued or SubmitOutcome.Batched;

    public static SubmitResult Queued(string msgId) => new(SubmitOutcome.Queued, msgId, null, null);

    public static SubmitResult Batched(string msgId) => new(SubmitOutcome.Batched, msgId, null, null);

    public static SubmitResult Rejected(RejectReason reason, string detail) => new(SubmitOutcome.Rejected, null, reason.ToWire(), detail);

    public static SubmitResult Unavailable(string detail) => new(SubmitOutcome.Unavailable, null, "queue_unavailable", detail);
}
