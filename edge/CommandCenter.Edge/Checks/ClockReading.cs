namespace CommandCenter.Edge.Checks;

/// <summary>The agent's clock against a reference: <see cref="OffsetMs"/> is agent minus reference.</summary>
public sealed record ClockReading(DateTimeOffset At, string Reference, long OffsetMs, bool WithinTolerance);
