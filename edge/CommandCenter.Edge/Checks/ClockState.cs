using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Checks;

/// <summary>The latest clock check; warns when the offset leaves the tolerance and says when it is back.</summary>
public sealed class ClockState(IOptions<EdgeOptions> options, AgentAlerts alerts)
{
    private readonly int _toleranceMs = options.Value.Clock.ToleranceMs;
    private ClockReading? _latest;

    public ClockReading? Latest => Volatile.Read(ref _latest);

    public ClockReading Record(DateTimeOffset at, string reference, long offsetMs)
    {
        var reading = new ClockReading(at, reference, offsetMs, Math.Abs(offsetMs) <= _toleranceMs);
        var previous = Interlocked.Exchange(ref _latest, reading);
        if (!reading.WithinTolerance && previous?.WithinTolerance != false)
        {
            alerts.Raise(LogLevel.Warning, "clock",
                $"the agent's clock is {offsetMs:+#;-#;0} ms off {reference} (tolerance {_toleranceMs} ms, Edge:Clock:ToleranceMs); timestamps the agent adds are off by as much");
        }
        else if (reading.WithinTolerance && previous?.WithinTolerance == false)
        {
            alerts.Raise(LogLevel.Information, "clock", $"the agent's clock is back within {_toleranceMs} ms of {reference} ({offsetMs:+#;-#;0} ms)");
        }

        return reading;
    }
}
