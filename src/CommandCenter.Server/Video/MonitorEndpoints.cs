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
            if ((BadMonitor(monitorId) ?? BadCameraId(request)) is { } bad)
            {
                return bad;
            }

            var outcome = await wall.Assign(http.User, http.Connection.RemoteIpAddress?.ToString(), monitorId, tile, request.CameraId!);
            return AssignmentResult(outcome, http, request.CameraId!);
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

        // The next tile showing nothing of its own: what the site panel's "send to the wall" uses.
        monitors.MapPost("/tiles", async (string monitorId, TileRequest request, VideoWall wall, HttpContext http) =>
        {
            if ((BadMonitor(monitorId) ?? BadCameraId(request)) is { } bad)
            {
                return bad;
            }

            var outcome = await wall.AssignNextFree(http.User, http.Connection.RemoteIpAddress?.ToString(), monitorId, request.CameraId!);
            return AssignmentResult(outcome, http, request.CameraId!);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapPut("/tour", async (string monitorId, TourRequest request, VideoWall wall, HttpContext http) =>
        {
            if (BadMonitor(monitorId) is { } bad)
            {
                return bad;
            }

            var (status, problem, tour) = await wall.SetTour(http.User, http.Connection.RemoteIpAddress?.ToString(), monitorId,
                request.Cameras ?? [], request.DwellSeconds ?? 0);
            return Answer(http, status, problem, tour);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapDelete("/tour", async (string monitorId, VideoWall wall, HttpContext http) =>
        {
            if (BadMonitor(monitorId) is { } bad)
            {
                return bad;
            }

            return await wall.StopTour(http.User, http.Connection.RemoteIpAddress?.ToString(), monitorId)
                ? Results.NoContent()
                : Api.SituationEndpoints.OutOfScope(http, "changing the video wall");
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapPost("/pins", async (string monitorId, PinRequest request, VideoWall wall, HttpContext http) =>
        {
            if (BadMonitor(monitorId) is { } bad)
            {
                return bad;
            }

            var (status, problem, result) = await wall.Pin(http.User, http.Connection.RemoteIpAddress?.ToString(), monitorId, request.CameraId ?? "", request.Reason);
            return Answer(http, status, problem, result);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        monitors.MapDelete("/pins/{cameraId}", async (string monitorId, string cameraId, VideoWall wall, HttpContext http) =>
        {
            if (BadMonitor(monitorId) is { } bad)
            {
                return bad;
            }

            return await wall.Unpin(http.User, http.Connection.RemoteIpAddress?.ToString(), monitorId, cameraId) switch
            {
                null => Api.SituationEndpoints.OutOfScope(http, "changing the video wall"),
                true => Results.NoContent(),
                false => Results.Problem($"camera {cameraId} is not pinned on {monitorId}", statusCode: 404),
            };
        }).RequireRateLimiting(SecurityHosting.WriteLimit);
    }

    private static IResult Answer<T>(HttpContext http, int status, string? problem, T? value) => status switch
    {
        200 => Results.Ok(value),
        400 => Results.ValidationProblem(new Dictionary<string, string[]> { ["request"] = [problem ?? ""] }),
        403 => Results.Problem(problem, statusCode: 403, title: "Outside your scope"),
        404 => Results.Problem(problem, statusCode: 404, title: "Camera not found"),
        _ => Results.Problem(problem, statusCode: status, title: "At most 9 feeds"),
    };

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

    private static IResult? BadCameraId(TileRequest request) =>
        CameraIds.TryParse(request.CameraId, out _, out _)
            ? null
            : Results.ValidationProblem(new Dictionary<string, string[]> { ["cameraId"] = ["a camera id: {siteId}.{deviceId}"] });

    /// <summary>A camera put on a tile (a chosen one or the next free): the wall's view, or why not.</summary>
    private static IResult AssignmentResult(VideoWall.Outcome outcome, HttpContext http, string cameraId) => outcome.Status switch
    {
        200 => Results.Ok(Redact(outcome.View!, AccessScope.Of(http.User))),
        409 => Results.Problem(outcome.Problem, statusCode: 409, title: "At most 9 feeds"),
        403 => Api.SituationEndpoints.OutOfScope(http, $"camera {cameraId}"),
        _ => Results.Problem(outcome.Problem, statusCode: outcome.Status, title: "Camera not found"),
    };

    private static IResult? NotOperator(HttpContext http) =>
        AccessScope.Of(http.User).Role is null or Role.Auditor ? Api.SituationEndpoints.OutOfScope(http, "changing the video wall") : null;

    /// <summary>Tiles showing cameras outside the caller's scope keep their place but not their camera id.</summary>
    private static MonitorView Redact(MonitorView view, AccessScope scope) => view with
    {
        Tiles = [.. view.Tiles.Select(t => scope.CanSeeCamera(t.CameraId) ? t : t with { CameraId = "(outside your scope)", By = null })],
        Tour = view.Tour is null ? null : view.Tour with { Cameras = [.. view.Tour.Cameras.Where(scope.CanSeeCamera)] },
    };
}
