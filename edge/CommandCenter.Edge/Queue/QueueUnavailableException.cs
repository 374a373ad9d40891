namespace CommandCenter.Edge.Queue;

/// <summary>A record could not be made durable (disk error, or the agent is stopping): the sender must keep it and retry.</summary>
public sealed class QueueUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
