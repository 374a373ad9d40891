using System.Security.Claims;
using CommandCenter.Abstractions.Security;
using CommandCenter.Abstractions.Video;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Video;

/// <summary>
/// Putting a camera on a tile, for the API and the wall page alike: the video monitor's points are
/// taken first (≤ 9 per person), then the monitor's tile (≤ 9 per screen); a refusal undoes the first
/// step, and both outcomes are audited.
/// </summary>
public sealed class VideoWall(IGrainFactory grains, AuditTrail audit)
{
    public const int MaxTourCameras = 500;
    public const int MinDwellSeconds = 5;
    public const int MaxDwellSeconds = 3600;

    public sealed record Outcome(bool Done, int Status, string? Problem, MonitorView? View)
    {
        /// <summary>The tile it went to (set by <see cref="AssignNextFree"/>).</summary>
        public int? Tile { get; init; }
    }

    public async Task<Outcome> Assign(ClaimsPrincipal user, string? from, string monitorId, int tile, string cameraId)
    {
        var scope = AccessScope.Of(user);
        if (!scope.CanOperate(cameraId))
        {
            return new Outcome(false, 403, $"camera {cameraId} is outside the scope of account '{user.Identity?.Name}'", null);
        }

        if (await grains.GetGrain<ICameraGrain>(cameraId).GetView() is null)
        {
            return new Outcome(false, 404, $"No camera {cameraId} is registered (from the exam plan or an edge camera status).", null);
        }

        var name = user.Identity?.Name ?? "";
        var watcher = scope.Role == Role.VideoMonitor ? grains.GetGrain<IVideoWatcherGrain>(name) : null;
        if (watcher is not null && await watcher.Take(monitorId, tile, cameraId) is { Done: false } refusedWatch)
        {
            return await Refused(user, from, monitorId, tile, cameraId, refusedWatch.Refusal!);
        }

        var monitor = grains.GetGrain<IVideoMonitorGrain>(monitorId);
        var result = await monitor.Assign(tile, cameraId, name);
        if (!result.Done)
        {
            if (watcher is not null)
            {
                await watcher.Drop(monitorId, tile);
            }

            return await Refused(user, from, monitorId, tile, cameraId, result.Refusal!);
        }

        if (result.PreviousAssignedBy is { } previous && previous != name)
        {
            await grains.GetGrain<IVideoWatcherGrain>(previous).Drop(monitorId, tile);
        }

        await audit.Record(name, user.RoleOf()?.ToString(), from, "video_tile_assign", $"{monitorId}/{tile}", cameraId);
        return new Outcome(true, 200, null, await monitor.GetView());
    }

    /// <summary>Puts a camera on the first tile showing nothing of its own (empty or touring); a full monitor is refused (409).</summary>
    public async Task<Outcome> AssignNextFree(ClaimsPrincipal user, string? from, string monitorId, string cameraId)
    {
        var view = await grains.GetGrain<IVideoMonitorGrain>(monitorId).GetView();
        if (view.Tiles.FirstOrDefault(t => t.CameraId == cameraId && t.Source != "tour") is { } already)
        {
            return new Outcome(true, 200, null, view) { Tile = already.Tile };
        }

        var taken = view.Tiles.Where(t => t.Source != "tour").Select(t => t.Tile).ToHashSet();
        var free = Enumerable.Range(1, view.MaxFeeds).FirstOrDefault(t => !taken.Contains(t));
        if (free == 0)
        {
            if (!AccessScope.Of(user).CanOperate(cameraId))
            {
                return new Outcome(false, 403, $"camera {cameraId} is outside the scope of account '{user.Identity?.Name}'", null);
            }

            return await Refused(user, from, monitorId, view.MaxFeeds + 1, cameraId,
                $"monitor {monitorId} already shows {view.MaxFeeds} feeds, the most allowed on one screen; remove one first");
        }

        return await Assign(user, from, monitorId, free, cameraId) with { Tile = free };
    }

    /// <summary>A tour (轮巡) on a monitor: every camera must be one the user may operate; audited.</summary>
    public async Task<(int Status, string? Problem, TourView? Tour)> SetTour(ClaimsPrincipal user, string? from, string monitorId,
        IReadOnlyList<string> cameras, int dwellSeconds)
    {
        if (cameras.Count is 0 or > MaxTourCameras || dwellSeconds is < MinDwellSeconds or > MaxDwellSeconds)
        {
            return (400, $"1-{MaxTourCameras} cameras and dwellSeconds {MinDwellSeconds}-{MaxDwellSeconds}", null);
        }

        if (await Unusable(user, cameras) is { } problem)
        {
            return problem;
        }

        var tour = await grains.GetGrain<IVideoMonitorGrain>(monitorId).SetTour(cameras, TimeSpan.FromSeconds(dwellSeconds));
        await audit.Record(user.Identity?.Name ?? "", user.RoleOf()?.ToString(), from, "video_tour_set", monitorId,
            $"{cameras.Count} cameras, {dwellSeconds} s, {tour.Pages} pages");
        return (200, null, tour);
    }

    public async Task<bool> StopTour(ClaimsPrincipal user, string? from, string monitorId)
    {
        if (!IsOperator(user))
        {
            return false;
        }

        await grains.GetGrain<IVideoMonitorGrain>(monitorId).StopTour();
        await audit.Record(user.Identity?.Name ?? "", user.RoleOf()?.ToString(), from, "video_tour_stop", monitorId, null);
        return true;
    }

    /// <summary>An alarm's camera pinned onto a monitor: a free tile, else the last one not pinned (never a 10th); audited.</summary>
    public async Task<(int Status, string? Problem, TileResult? Result)> Pin(ClaimsPrincipal user, string? from, string monitorId, string cameraId, string? reason)
    {
        if (await Unusable(user, [cameraId]) is { } problem)
        {
            return (problem.Status, problem.Problem, null);
        }

        var why = (reason ?? "alarm").Trim();
        why = why.Length > 200 ? why[..200] : why;
        var result = await grains.GetGrain<IVideoMonitorGrain>(monitorId).Pin(cameraId, why);
        if (!result.Done)
        {
            var refused = await Refused(user, from, monitorId, 0, cameraId, result.Refusal!);
            return (409, refused.Problem, result);
        }

        if (result.PreviousAssignedBy is { } previous)
        {
            await grains.GetGrain<IVideoWatcherGrain>(previous).Drop(monitorId, result.Tile);
        }

        await audit.Record(user.Identity?.Name ?? "", user.RoleOf()?.ToString(), from, "video_pin", $"{monitorId}/{result.Tile}", $"{cameraId}: {why}");
        return (200, null, result);
    }

    /// <summary>Null when the user may not change the wall; else whether the camera was pinned there.</summary>
    public async Task<bool?> Unpin(ClaimsPrincipal user, string? from, string monitorId, string cameraId)
    {
        if (!IsOperator(user))
        {
            return null;
        }

        var removed = await grains.GetGrain<IVideoMonitorGrain>(monitorId).Unpin(cameraId);
        await audit.Record(user.Identity?.Name ?? "", user.RoleOf()?.ToString(), from, "video_unpin", monitorId, cameraId);
        return removed;
    }

    public static bool IsOperator(ClaimsPrincipal user) => AccessScope.Of(user).Role is not (null or Role.Auditor);

    private async Task<(int Status, string? Problem, TourView? Tour)?> Unusable(ClaimsPrincipal user, IReadOnlyList<string> cameras)
    {
        var scope = AccessScope.Of(user);
        foreach (var camera in cameras)
        {
            if (!CameraIds.TryParse(camera, out _, out _))
            {
                return (400, $"'{camera}' is not a camera id ({{siteId}}.{{deviceId}})", null);
            }

            if (!scope.CanOperate(camera))
            {
                return (403, $"camera {camera} is outside the scope of account '{user.Identity?.Name}'", null);
            }

            if (await grains.GetGrain<ICameraGrain>(camera).GetView() is null)
            {
                return (404, $"No camera {camera} is registered (from the exam plan or an edge camera status).", null);
            }
        }

        return null;
    }

    public async Task Clear(ClaimsPrincipal user, string? from, string monitorId, int tile)
    {
        var result = await grains.GetGrain<IVideoMonitorGrain>(monitorId).Clear(tile);
        if (result.PreviousAssignedBy is { } previous)
        {
            await grains.GetGrain<IVideoWatcherGrain>(previous).Drop(monitorId, tile);
        }

        await audit.Record(user.Identity?.Name ?? "", user.RoleOf()?.ToString(), from, "video_tile_clear", $"{monitorId}/{tile}", result.PreviousCamera);
    }

    private async Task<Outcome> Refused(ClaimsPrincipal user, string? from, string monitorId, int tile, string cameraId, string reason)
    {
        await audit.Record(user.Identity?.Name ?? "", user.RoleOf()?.ToString(), from, "video_tile_refused", $"{monitorId}/{tile}", $"{cameraId}: {reason}");
        return new Outcome(false, 409, reason, null);
    }
}
