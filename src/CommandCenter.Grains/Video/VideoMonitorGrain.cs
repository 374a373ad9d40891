using CommandCenter.Abstractions.Video;
using Microsoft.Extensions.Options;

namespace CommandCenter.Grains.Video;

/// <summary>
/// A screen of the wall. Tiles are numbered 1..limit, so it can never show more than the limit: a
/// tile beyond it is refused, and one grain activation takes one call at a time, so concurrent
/// assignments cannot overshoot either. Pins (alarms) take a tile and are kept over assignments
/// and tours; a tour shows its current page on the tiles left free, the page computed from the clock.
/// </summary>
internal sealed class VideoMonitorGrain(
    [PersistentState("monitor")] IPersistentState<MonitorState> state,
    IOptions<VideoWallOptions> options,
    TimeProvider time) : Grain, IVideoMonitorGrain
{
    private int Limit => Math.Min(options.Value.MaxFeedsPerMonitor, VideoWallOptions.RuleMaximum);

    public async Task<TileResult> Assign(int tile, string cameraId, string assignedBy)
    {
        if (tile < 1 || tile > Limit)
        {
            return TileResult.Refused(tile,
                $"monitor {this.GetPrimaryKeyString()} shows at most {Limit} feeds (tiles 1-{Limit}); tile {tile} would be one too many");
        }

        if (state.State.Tiles.TryGetValue(tile, out var current) && current.Pinned)
        {
            return TileResult.Refused(tile, $"tile {tile} is pinned by an alarm on camera {current.CameraId}; unpin it first");
        }

        state.State.Tiles[tile] = new MonitorTile(cameraId, assignedBy, Pinned: false, Reason: null);
        await state.WriteStateAsync();
        return new TileResult(true, null, tile, current?.CameraId, current?.By);
    }

    public async Task<TileResult> Clear(int tile)
    {
        if (!state.State.Tiles.Remove(tile, out var current))
        {
            return new TileResult(true, null, tile, null, null);
        }

        await state.WriteStateAsync();
        return new TileResult(true, null, tile, current.CameraId, current.By);
    }

    public async Task<TourView> SetTour(IReadOnlyList<string> cameras, TimeSpan dwell)
    {
        state.State.Tour = new MonitorTour([.. cameras.Distinct(StringComparer.Ordinal)], dwell, time.GetUtcNow());
        await state.WriteStateAsync();
        return TourOf(state.State.Tour)!;
    }

    public async Task StopTour()
    {
        state.State.Tour = null;
        await state.WriteStateAsync();
    }

    public async Task<TileResult> Pin(string cameraId, string reason)
    {
        var tiles = state.State.Tiles;
        if (tiles.FirstOrDefault(t => t.Value.Pinned && t.Value.CameraId == cameraId) is { Value: not null } already)
        {
            return new TileResult(true, null, already.Key, null, null);
        }

        var free = Enumerable.Range(1, Limit).FirstOrDefault(n => !tiles.ContainsKey(n));
        var tile = free != 0 ? free : Enumerable.Range(1, Limit).Reverse().FirstOrDefault(n => !tiles[n].Pinned);
        if (tile == 0)
        {
            return TileResult.Refused(0, $"all {Limit} tiles of monitor {this.GetPrimaryKeyString()} are pinned by alarms");
        }

        tiles.TryGetValue(tile, out var previous);
        tiles[tile] = new MonitorTile(cameraId, "alarm", Pinned: true, reason);
        await state.WriteStateAsync();
        return new TileResult(true, null, tile, previous?.CameraId, previous?.By);
    }

    public async Task<bool> Unpin(string cameraId)
    {
        var pinned = state.State.Tiles.Where(t => t.Value.Pinned && t.Value.CameraId == cameraId).Select(t => t.Key).ToList();
        foreach (var tile in pinned)
        {
            state.State.Tiles.Remove(tile);
        }

        if (pinned.Count > 0)
        {
            await state.WriteStateAsync();
        }

        return pinned.Count > 0;
    }

    public Task<MonitorView> GetView()
    {
        var tiles = state.State.Tiles.Where(t => t.Key <= Limit)
            .Select(t => new TileView(t.Key, t.Value.CameraId, t.Value.Pinned ? "pinned" : "assigned", t.Value.Pinned ? t.Value.Reason : t.Value.By))
            .ToList();
        var tour = TourOf(state.State.Tour);
        if (tour is not null)
        {
            var free = Enumerable.Range(1, Limit).Where(n => !state.State.Tiles.ContainsKey(n)).ToList();
            var page = PageOf(state.State.Tour!, free.Count);
            tiles.AddRange(free.Zip(page, (n, camera) => new TileView(n, camera, "tour", null)));
        }

        return Task.FromResult(new MonitorView(this.GetPrimaryKeyString(), Limit, [.. tiles.OrderBy(t => t.Tile)], tour));
    }

    private TourView? TourOf(MonitorTour? tour)
    {
        if (tour is null)
        {
            return null;
        }

        var free = Math.Max(1, Enumerable.Range(1, Limit).Count(n => !state.State.Tiles.ContainsKey(n)));
        var pages = Math.Max(1, (tour.Cameras.Count + free - 1) / free);
        var elapsed = time.GetUtcNow() - tour.StartedAt;
        var turns = (long)Math.Floor(elapsed / tour.Dwell);
        return new TourView(tour.Cameras, tour.Dwell, (int)(turns % pages), pages, tour.StartedAt + (tour.Dwell * (turns + 1)));
    }

    private List<string> PageOf(MonitorTour tour, int size)
    {
        if (size == 0 || tour.Cameras.Count == 0)
        {
            return [];
        }

        var page = TourOf(tour)!.Page;
        return tour.Cameras.Skip(page * size).Take(size).ToList();
    }
}

[GenerateSerializer]
internal sealed record MonitorTile(
    [property: Id(0)] string CameraId,
    [property: Id(1)] string By,
    [property: Id(2)] bool Pinned,
    [property: Id(3)] string? Reason);

[GenerateSerializer]
internal sealed record MonitorTour(
    [property: Id(0)] List<string> Cameras,
    [property: Id(1)] TimeSpan Dwell,
    [property: Id(2)] DateTimeOffset StartedAt);

[GenerateSerializer]
internal sealed class MonitorState
{
    [Id(0)]
    public Dictionary<int, MonitorTile> Tiles { get; set; } = [];

    [Id(1)]
    public MonitorTour? Tour { get; set; }
}
