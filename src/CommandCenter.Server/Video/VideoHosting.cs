using CommandCenter.Grains.Video;
using CommandCenter.Server.Hosting;
using CommandCenter.Video;
using CommandCenter.Video.Live;
using CommandCenter.Video.Probing;
using CommandCenter.Video.Processes;
using CommandCenter.Video.Recording;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Video;

/// <summary>The video stage: camera registry, prober, live feeds, recording, the wall's API.</summary>
public static class VideoHosting
{
    public static WebApplicationBuilder AddVideo(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<VideoOptions>(builder.Configuration, VideoOptions.Section);
        services.AddValidatedOptions<VideoWallOptions>(builder.Configuration, VideoWallOptions.Section);
        services.AddSingleton<FfmpegProcessTable>();
        services.AddSingleton<StreamProbe>();
        services.AddSingleton<LiveFeeds>();
        services.AddSingleton<Recorders>();
        services.AddSingleton<Playback>();
        services.AddSingleton<VideoAlarms>();
        services.AddSingleton<CenterCameraEvents>();
        services.AddSingleton<CameraRegistry>();
        services.AddSingleton<VideoWall>();
        services.AddSingleton<ICameraRegistry>(sp => sp.GetRequiredService<CameraRegistry>());
        services.AddSingleton<EdgeCameraFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<EdgeCameraFeed>());
        services.AddSingleton<CameraProber>();
        services.AddHostedService(sp => sp.GetRequiredService<CameraProber>());
        services.AddSingleton<RecordingService>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordingService>());
        services.AddHostedService<FfmpegReaper>();
        services.AddHostedService<TestCameraService>();
        return builder;
    }

    public static WebApplication MapVideo(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapCameras();
        api.MapMonitors();
        api.MapLive();
        api.MapRecordings();
        return app;
    }

    /// <summary>On shutdown: live feeds, then any ffmpeg still running, so none outlives the server.</summary>
    private sealed class FfmpegReaper(LiveFeeds feeds, FfmpegProcessTable table) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await feeds.DisposeAsync();
            await table.StopAll();
        }
    }
}
