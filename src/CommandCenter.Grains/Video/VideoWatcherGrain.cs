using CommandCenter.Abstractions.Video;
using Microsoft.Extensions.Options;

namespace CommandCenter.Grains.Video;

/// <summary>
/// A video monitor's monitoring points: the distinct cameras on the tiles they assigned. Taking a
/// tile for a camera they already watch costs nothing; a new camera beyond the limit is refused.
/// </summary>
internal sealed class VideoWatcherGrain(
    [PersistentState("watcher")] IPersistentState<WatcherState> state,
    IOptions<VideoWallOptions> options) : Grain, IVideoWatcherGrain
{
    private int Limit => Math.Min(options.Value.MaxPointsPerWatcher, VideoWallOptions.RuleMaximum);

    public async Task<WatchResult> Take(string monitorId, int tile, string cameraId)
    {
        var key = Key(monitorId, tile);
        var others = state.State.Tiles.Where(t => t.Key != key).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        if (!others.Contains(cameraId) && others.Count >= Limit)
        {
            return new WatchResult(false,
                $"video monitor {this.GetPrimaryKeyString()} already watches {others.Count} monitoring points, the most allowed is {Limit}",
                others.Count);
        }

        state.State.Tiles[key] = cameraId;
        await state.WriteStateAsync();
        return new WatchResult(true, null, others.Count + (others.Contains(cameraId) ? 0 : 1));
    }

    public async Task Drop(string monitorId, int tile)
    {
        if (state.State.Tiles.Remove(Key(monitorId, tile)))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> Points() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Tiles.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    private static string Key(string monitorId, int tile) => $"{monitorId}#{tile}";
}

[GenerateSerializer]
internal sealed class WatcherState
{
    [Id(0)]
    public Dictionary<string, string> Tiles { get; set; } = [];
}
