namespace CommandCenter.Simulator.Agents;

/// <summary>The outcome of one identity check; <see cref="Score"/> is null when no face was compared.</summary>
internal readonly record struct Verification(string Ticket, string Result, double? Score);
