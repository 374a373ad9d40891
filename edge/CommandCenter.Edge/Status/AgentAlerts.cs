using Microsoft.Extensions.Logging;

namespace CommandCenter.Edge.Status;

/// <summary>Writes each alert to the log and keeps the most recent ones for the status page.</summary>
public sealed class AgentAlerts(TimeProvider time, ILogger<AgentAlerts> logger)
{
    private const int Capacity = 100;
    private readonly LinkedList<AgentAlert> _recent = new();

    public IReadOnlyList<AgentAlert> Recent()
    {
        lock (_recent)
        {
            return _recent.Reverse().ToList();
        }
    }

    public void Raise(LogLevel level, string source, string message)
    {
        logger.Log(level, "{Source}: {Message}", source, message);
        lock (_recent)
        {
            _recent.AddLast(new AgentAlert(time.GetUtcNow(), level, source, message));
            if (_recent.Count > Capacity)
            {
                _recent.RemoveFirst();
            }
        }
    }
}
