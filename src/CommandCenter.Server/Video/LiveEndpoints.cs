using CommandCenter.Abstractions.Video;
using CommandCenter.Server.Security;
using CommandCenter.Video.Live;
using CommandCenter.Video.Processes;
using Microsoft.AspNetCore.Http.Features;

namespace CommandCenter.Server.Video;

/// <summary>
/// Live view: <c>GET /api/v1/video/live/{cameraId}</c> streams fragmented MP4 (init segment, then
/// half-second fragments) for the browser's Media Source Extensions; operators list feeds and ffmpeg processes.
/// </summary>
internal static class LiveEndpoints
{
    public static void MapLive(this RouteGroupBuilder api)
    {
        api.MapGet("/video/live/{cameraId}", async (string cameraId, IGrainFactory grains, LiveFeeds feeds, CameraProber prober,
            HttpContext http) =>
        {
            if (!AccessScope.Of(http.User).CanSeeCamera(cameraId))
            {
                return Api.SituationEndpoints.OutOfScope(http, $"camera {CameraEndpoints.Trim(cameraId)}");
            }

            if (await grains.GetGrain<ICameraGrain>(cameraId).GetView() is not { } camera)
            {
                return Results.Problem($"No camera {cameraId} is registered.", statusCode: 404, title: "Camera not found");
            }

            if (CameraProber.IsSimulated(camera.StreamUrl))
            {
                return Results.Problem($"Camera {cameraId} is simulated and has no stream.", statusCode: 502, title: "No stream");
            }

            LiveViewer viewer;
            try
            {
                viewer = await feeds.Watch(cameraId, camera.StreamUrl, http.RequestAborted);
            }
            catch (LiveFeedException ex)
            {
                if (!ex.Capacity)
                {
                    // The stream is gone: let the camera's health say so without waiting for the next round.
                    _ = prober.ProbeOne(cameraId, CancellationToken.None);
                }

                return Results.Problem(ex.Message, statusCode: ex.Capacity ? 503 : 502, title: ex.Capacity ? "All live feeds in use" : "Camera stream unavailable");
            }

            return new LiveStreamResult(viewer);
        });

        api.MapGet("/video/live", (LiveFeeds feeds, HttpContext http) => AccessScope.Of(http.User).SeesProcesses()
            ? Results.Ok(new
            {
                capacity = feeds.Capacity,
                feeds = feeds.Running.Select(f => new LiveFeedDto(f.CameraId, f.Pid, f.ViewerCount, f.FragmentsSent, f.StartedAt)),
            })
            : Api.SituationEndpoints.OutOfScope(http, "the live feeds"));

        api.MapGet("/video/processes", (FfmpegProcessTable table, HttpContext http) => AccessScope.Of(http.User).SeesProcesses()
            ? Results.Ok(table.Snapshot())
            : Api.SituationEndpoints.OutOfScope(http, "the ffmpeg processes"));
    }

    /// <summary>Writes the init segment and then each fragment as it comes, until the viewer leaves or the feed ends.</summary>
    private sealed class LiveStreamResult(LiveViewer viewer) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            await using (viewer)
            {
                http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                http.Response.ContentType = "video/mp4";
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["X-Video-Codec"] = viewer.Codec;
                var body = http.Response.Body;
                try
                {
                    await body.WriteAsync(viewer.Init, http.RequestAborted);
                    await body.FlushAsync(http.RequestAborted);
                    await foreach (var fragment in viewer.Fragments(http.RequestAborted))
                    {
                        await body.WriteAsync(fragment, http.RequestAborted);
                        await body.FlushAsync(http.RequestAborted);
                    }
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException)
                {
                    // The browser went away.
                }
            }
        }
    }
}
