using System.Collections.Concurrent;

namespace CommandCenter.Edge.Checks;

/// <summary>The latest probe per camera, for the status page.</summary>
public sealed class CameraProbes
{
    private readonly ConcurrentDictionary<string, CameraProbe> _latest = new(StringComparer.Ordinal);

    public IReadOnlyList<CameraProbe> All() => _latest.Values.OrderBy(p => p.DeviceId, StringComparer.Ordinal).ToList();

    public CameraProbe? Find(string deviceId) => _latest.GetValueOrDefault(deviceId);

    public void Record(CameraProbe probe) => _latest[probe.DeviceId] = probe;
}
