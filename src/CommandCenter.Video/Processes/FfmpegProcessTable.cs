using System.Collections.Concurrent;

namespace CommandCenter.Video.Processes;

/// <summary>Every ffmpeg this server started and has not yet reaped; the operators' list and the tests' zombie check.</summary>
public sealed class FfmpegProcessTable
{
    private readonly ConcurrentDictionary<int, FfmpegProcess> _running = new();

    public int Count => _running.Count;

    public IReadOnlyList<FfmpegProcessInfo> Snapshot() =>
        _running.Values.Select(p => p.Info).OrderBy(p => p.StartedAt).ToList();

    internal void Add(FfmpegProcess process) => _running[process.Info.Pid] = process;

    internal void Remove(FfmpegProcess process) => _running.TryRemove(process.Info.Pid, out _);

    /// <summary>Stops everything (server shutdown).</summary>
    public async Task StopAll()
    {
        foreach (var process in _running.Values)
        {
            await process.DisposeAsync();
        }
    }
}
