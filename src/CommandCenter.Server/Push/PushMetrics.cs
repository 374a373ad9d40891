using System.Diagnostics.Metrics;
using CommandCenter.Abstractions;

namespace CommandCenter.Server.Push;

/// <summary>Push latency: from the center receiving a device's message to its change reaching this silo's relay.</summary>
public sealed class PushMetrics
{
    public const string MeterName = "CommandCenter.Push";
    private readonly Histogram<double> _latency;
    private readonly TimeProvider _time;

    public PushMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        _latency = meters.Create(MeterName).CreateHistogram<double>("cc.push.latency", "ms", "Receive to relay, per changed device");
    }

    public void Record(SiteChange change)
    {
        var now = _time.GetUtcNow();
        foreach (var device in change.Devices)
        {
            if (device.LastSeen is { } seen)
            {
                _latency.Record((now - seen).TotalMilliseconds);
            }
        }
    }
}
