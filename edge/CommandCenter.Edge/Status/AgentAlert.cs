using Microsoft.Extensions.Logging;

namespace CommandCenter.Edge.Status;

/// <summary>Something the site's technician should see: a dropped status, a quarantined file, a clock offset.</summary>
public sealed record AgentAlert(DateTimeOffset At, LogLevel Level, string Source, string Message);
