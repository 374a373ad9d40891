namespace CommandCenter.Edge.Commands;

/// <summary>A notice from the center, shown on the status page.</summary>
public sealed record Notice(DateTimeOffset At, string CommandId, string Text);
