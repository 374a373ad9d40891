namespace CommandCenter.Edge.Commands;

/// <summary>The center's order to switch to a backup paper set (A/B/C), shown on the status page until replaced.</summary>
public sealed record PaperSetSwitch(DateTimeOffset At, string CommandId, string Set, string? Session, string? Subject);
