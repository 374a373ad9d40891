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
    public sealed record Outcome(bool Done, int Status, string? Problem, MonitorView? View);

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
