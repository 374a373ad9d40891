using System.Globalization;
using CommandCenter.Abstractions.Video;
using CommandCenter.Server.Security;
using CommandCenter.Video.Recording;

namespace CommandCenter.Server.Video;

/// <summary>Recorded segments, playback of a time range as MP4, and reviewers' marks (视频录像回放审看).</summary>
internal static class RecordingEndpoints
{
    private static readonly TimeSpan MaxPlayback = TimeSpan.FromHours(2);

    public static void MapRecordings(this RouteGroupBuilder api)
    {
        api.MapGet("/video/recordings/{cameraId}", (string cameraId, DateTimeOffset? from, DateTimeOffset? to, Recorders recorders,
            TimeProvider time, HttpContext http) =>
        {
            if (!AccessScope.Of(http.User).CanSeeCamera(cameraId))
            {
                return Api.SituationEndpoints.OutOfScope(http, $"camera {CameraEndpoints.Trim(cameraId)}");
            }

            var end = to ?? time.GetUtcNow();
            var start = from ?? end.AddDays(-1);
            return Results.Ok(recorders.Store.Between(cameraId, start, end, TimeSpan.Zero).Select(s => new SegmentDto(s.Start, s.Bytes)));
        });

        api.MapGet("/video/playback/{cameraId}", async (string cameraId, DateTimeOffset? from, DateTimeOffset? to, Recorders recorders,
            Playback playback, AuditTrail audit, HttpContext http) =>
        {
            if (!AccessScope.Of(http.User).CanSeeCamera(cameraId))
            {
                return Api.SituationEndpoints.OutOfScope(http, $"camera {CameraEndpoints.Trim(cameraId)}");
            }

            if (from is not { } start || to is not { } end || end <= start || end - start > MaxPlayback)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["range"] = [$"from and to (ISO 8601), from before to, at most {MaxPlayback.TotalHours:0} hours"],
                });
            }

            var process = await playback.Open(recorders.Store, cameraId, start, end);
            if (process is null)
            {
                return Results.Problem($"Nothing of camera {cameraId} was recorded between {start:O} and {end:O}.", statusCode: 404, title: "No recording");
            }

            await audit.Record(http, "video_playback", cameraId, $"{start:O} – {end:O}");
            return new PlaybackResult(process);
        });

        api.MapPost("/video/reviews", async (ReviewRequest request, IGrainFactory grains, AuditTrail audit, TimeProvider time, HttpContext http) =>
        {
            if ((await MonitorEndpoints.BadCamera(request.CameraId, grains, http)) is { } problem)
            {
                return problem;
            }

            var note = request.Note?.Trim();
            if (request.Moment is not { } moment || string.IsNullOrEmpty(note) || note.Length > 2000 || note.Any(c => char.IsControl(c) && c != '\n'))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["review"] = ["moment (ISO 8601) and a note of 1-2000 characters"],
                });
            }

            var mark = await grains.GetGrain<IReviewLogGrain>(DayOf(moment)).Add(
                new ReviewMark(request.CameraId!, moment, note, http.User.Identity?.Name ?? "", time.GetUtcNow(), 0));
            await audit.Record(http, "video_review_mark", request.CameraId!, $"{moment:O}: {note}");
            return Results.Created($"/api/v1/video/reviews?day={DayOf(moment)}", mark);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        api.MapGet("/video/reviews", async (string? day, string? cameraId, IGrainFactory grains, TimeProvider time, HttpContext http) =>
        {
            var key = day ?? DayOf(time.GetUtcNow());
            if (!DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["day"] = ["yyyy-MM-dd"] });
            }

            var scope = AccessScope.Of(http.User);
            var marks = await grains.GetGrain<IReviewLogGrain>(key).List(cameraId);
            return Results.Ok(marks.Where(m => scope.CanSeeCamera(m.CameraId)));
        });
    }

    /// <summary>Exam days are Beijing days: a mark at 23:30 UTC belongs to the next morning's exam.</summary>
    private static string DayOf(DateTimeOffset moment) =>
        moment.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class PlaybackResult(CommandCenter.Video.Processes.FfmpegProcess process) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "video/mp4";
            http.Response.Headers.CacheControl = "no-store";
            try
            {
                await process.Output.CopyToAsync(http.Response.Body, http.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The browser went away.
            }
            finally
            {
                await process.DisposeAsync();
            }
        }
    }
}
