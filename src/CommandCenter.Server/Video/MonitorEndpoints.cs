using CommandCenter.Abstractions.Security;
using CommandCenter.Abstractions.Video;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Video;

/// <summary>The video wall's monitors: tiles (at most 9), tours and alarm pins. Every change is scope-checked and audited.</summary>
internal static class MonitorEndpoints
{
    public static void MapMonitors(this RouteGroupBuilder api)
    {
        var monitors = api.MapGroup("/video/monitors/{monitorId}");

        monitors.MapGet("", async (string monitorId, IGrainFactory grains, HttpContext http) =>
            BadMonitor(monitorId) ?? Results.Ok(Redact(await grains.GetGrain<IVideoMonitorGrain>(monitorId).GetView(), AccessScope.Of(http.User))));

        monitors.MapPut("/tiles/{tile:int}", async (string monitorId, int tile, TileRequest request, VideoWall wall, HttpContext http) =>
        {
            if (BadMonitor(monitorId) is { } bad)
            {
                return bad;
            }

            if (!CameraIds.TryParse(request.CameraId, out _, out _))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cameraId"] = ["a camera id: {siteId}.{deviceId}"] });
            }

            var outcome = await wall.Assign(http.User, http.Connection.RemoteIpAddress?.ToString(), monitorId, tile, request.CameraId!);
            return outcome.Status switch
            {
                200 => Results.Ok(Redact(outcome.View!, AccessScope.Of(http.User))),
                409 => Results.Problem(outcome.Problem, statusCode: 409, title: "At most 9 feeds"),
                403 => Api.SituationEndpoints.OutOfScope(http, $"camera {request.CameraId}"),
                _ => Results.Problem(outcome.Problem, statusCode: outcome.Status, title: "Camera not found"),
            };
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapDelete("/tiles/{tile:int}", async (string monitorId, int tile, VideoWall wall, HttpContext http) =>
        {
            if ((BadMonitor(monitorId) ?? NotOperator(http)) is { } problem)
            {
                return problem;
            }

            await wall.Clear(http.User, http.Connection.RemoteIpAddress?.ToString(), monitorId, tile);
            return Results.NoContent();
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapPut("/tour", async (string monitorId, TourRequest request, IGrainFactory grains, AuditTrail audit, HttpContext http) =>
        {
            if (BadMonitor(monitorId) is { } bad)
            {
                return bad;
            }

            if (request.Cameras is not { Count: > 0 and <= 500 } cameras || request.DwellSeconds is not (>= 5 and <= 3600))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["tour"] = ["1-500 cameras and dwellSeconds 5-3600"],
                });
            }

            foreach (var camera in cameras)
            {
                if (await BadCamera(camera, grains, http) is { } problem)
                {
                    return problem;
                }
            }

            var tour = await grains.GetGrain<IVideoMonitorGrain>(monitorId).SetTour(cameras, TimeSpan.FromSeconds(request.DwellSeconds.Value));
            await audit.Record(http, "video_tour_set", monitorId, $"{cameras.Count} cameras, {request.DwellSeconds} s, {tour.Pages} pages");
            return Results.Ok(tour);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapDelete("/tour", async (string monitorId, IGrainFactory grains, AuditTrail audit, HttpContext http) =>
        {
            if ((BadMonitor(monitorId) ?? NotOperator(http)) is { } problem)
            {
                return problem;
            }

            await grains.GetGrain<IVideoMonitorGrain>(monitorId).StopTour();
            await audit.Record(http, "video_tour_stop", monitorId);
            return Results.NoContent();
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapPost("/pins", async (string monitorId, PinRequest request, IGrainFactory grains, AuditTrail audit, HttpContext http) =>
        {
            if ((BadMonitor(monitorId) ?? await BadCamera(request.CameraId, grains, http)) is { } problem)
            {
                return problem;
            }

            var reason = (request.Reason ?? "alarm").Trim();
            reason = reason.Length > 200 ? reason[..200] : reason;
            var result = await grains.GetGrain<IVideoMonitorGrain>(monitorId).Pin(request.CameraId!, reason);
            if (!result.Done)
            {
                return await Refused(audit, http, monitorId, 0, request.CameraId!, result.Refusal!);
            }

            if (result.PreviousAssignedBy is { } previous)
            {
                await grains.GetGrain<IVideoWatcherGrain>(previous).Drop(monitorId, result.Tile);
            }

            await audit.Record(http, "video_pin", $"{monitorId}/{result.Tile}", $"{request.CameraId}: {reason}");
            return Results.Ok(result);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapDelete("/pins/{cameraId}", async (string monitorId, string cameraId, IGrainFactory grains, AuditTrail audit, HttpContext http) =>
        {
            if ((BadMonitor(monitorId) ?? NotOperator(http)) is { } problem)
            {
                return problem;
            }

            var removed = await grains.GetGrain<IVideoMonitorGrain>(monitorId).Unpin(cameraId);
            await audit.Record(http, "video_unpin", monitorId, cameraId);
            return removed ? Results.NoContent() : Results.Problem($"camera {cameraId} is not pinned on {monitorId}", statusCode: 404);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);
    }

    /// <summary>Null when the camera is well-formed, registered and the caller may operate it.</summary>
    internal static async Task<IResult?> BadCamera(string? cameraId, IGrainFactory grains, HttpContext http)
    {
        if (!CameraIds.TryParse(cameraId, out _, out _))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["cameraId"] = ["a camera id: {siteId}.{deviceId}"] });
        }

        if (!AccessScope.Of(http.User).CanOperate(cameraId!))
        {
            return Api.SituationEndpoints.OutOfScope(http, $"camera {cameraId}");
        }

        return await grains.GetGrain<ICameraGrain>(cameraId!).GetView() is null
            ? Results.Problem($"No camera {cameraId} is registered (from the exam plan or an edge camera status).", statusCode: 404, title: "Camera not found")
            : null;
    }

    private static IResult? BadMonitor(string monitorId) =>
        Identifiers.IsDeviceId(monitorId)
            ? null
            : Results.ValidationProblem(new Dictionary<string, string[]> { ["monitorId"] = ["1-64 letters, digits, '.', '_' or '-'"] });

    private static IResult? NotOperator(HttpContext http) =>
        AccessScope.Of(http.User).Role is null or Role.Auditor ? Api.SituationEndpoints.OutOfScope(http, "changing the video wall") : null;

    private static async Task<IResult> Refused(AuditTrail audit, HttpContext http, string monitorId, int tile, string cameraId, string reason)
    {
        await audit.Record(http, "video_tile_refused", $"{monitorId}/{tile}", $"{cameraId}: {reason}");
        return Results.Problem(reason, statusCode: 409, title: "At most 9 feeds");
    }

    /// <summary>Tiles showing cameras outside the caller's scope keep their place but not their camera id.</summary>
    private static MonitorView Redact(MonitorView view, AccessScope scope) => view with
    {
        Tiles = [.. view.Tiles.Select(t => scope.CanSeeCamera(t.CameraId) ? t : t with { CameraId = "(outside your scope)", By = null })],
        Tour = view.Tour is null ? null : view.Tour with { Cameras = [.. view.Tour.Cameras.Where(scope.CanSeeCamera)] },
    };
}
