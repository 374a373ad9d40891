using CommandCenter.Abstractions.Video;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Video;

/// <summary>Cameras and their health, marking for recording, and the video alarms.</summary>
internal static class CameraEndpoints
{
    private const int MaxListed = 500;

    public static void MapCameras(this RouteGroupBuilder api)
    {
        api.MapGet("/cameras", async (string? site, CameraRegistry registry, IGrainFactory grains, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            var ids = (await registry.All())
                .Where(id => site is null || id.StartsWith(site + ".", StringComparison.Ordinal))
                .Where(scope.CanSeeCamera)
                .Take(MaxListed)
                .ToList();
            var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICameraGrain>(id).GetView()));
            return Results.Ok(views.Where(v => v is not null).Select(v => CameraDto.From(v!)));
        });

        api.MapGet("/cameras/{cameraId}", async (string cameraId, IGrainFactory grains, HttpContext http) =>
        {
            if (!AccessScope.Of(http.User).CanSeeCamera(cameraId))
            {
                return Api.SituationEndpoints.OutOfScope(http, $"camera {Trim(cameraId)}");
            }

            return await grains.GetGrain<ICameraGrain>(cameraId).GetView() is { } view
                ? Results.Ok(CameraDto.From(view))
                : Results.Problem($"No camera {cameraId} is registered.", statusCode: 404, title: "Camera not found");
        });

        api.MapPut("/cameras/{cameraId}/recording", async (string cameraId, RecordingRequest request, IGrainFactory grains,
            RecordingService recording, AuditTrail audit, HttpContext http) =>
        {
            if (request.Record is not { } record)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["record"] = ["true or false"] });
            }

            if (!AccessScope.Of(http.User).CanMarkRecording(cameraId))
            {
                return Api.SituationEndpoints.OutOfScope(http, $"recording of camera {Trim(cameraId)}");
            }

            var camera = grains.GetGrain<ICameraGrain>(cameraId);
            if (await camera.GetView() is null)
            {
                return Results.Problem($"No camera {cameraId} is registered.", statusCode: 404, title: "Camera not found");
            }

            await camera.MarkForRecording(record);
            await audit.Record(http, record ? "video_record_on" : "video_record_off", cameraId);
            await recording.Sweep();
            return Results.Ok(CameraDto.From((await camera.GetView())!));
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        api.MapGet("/video/alarms", (VideoAlarms alarms, HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            return Results.Ok(alarms.Recent.Where(a => scope.CanSeeCamera(a.CameraId)));
        });
    }

    internal static string Trim(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
