using System.Net;
using System.Net.Http.Json;
using CommandCenter.Abstractions.Video;
using CommandCenter.Server.Tests.Harness;
using CommandCenter.Server.Video;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Video.Tests;

/// <summary>The limits may be set lower than 9, never higher.</summary>
public sealed class LimitConfigurationTests
{
    private static string Root() => Path.Combine(Path.GetTempPath(), "cc-rec-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task a_limit_above_nine_stops_the_server_from_starting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningServer.StartAsync(VideoServer.Arguments(Root(), "--VideoWall:MaxFeedsPerMonitor=10")));

        Assert.Contains("MaxFeedsPerMonitor", failure.Message);
    }

    [Fact]
    public async Task lower_limits_refuse_the_feed_and_the_point_beyond_them()
    {
        await using var server = await RunningServer.StartAsync(VideoServer.Arguments(Root(),
            "--VideoWall:MaxFeedsPerMonitor=4", "--VideoWall:MaxPointsPerWatcher=2"));
        var registry = server.Services.GetRequiredService<ICameraRegistry>();
        var cameras = Enumerable.Range(1, 5).Select(i => $"43010204.lim-{i}").ToList();
        foreach (var camera in cameras)
        {
            await registry.Register(new CameraRegistration(camera, "001", "http://127.0.0.1:9/x.ts", "plan", null));
        }

        var admin = await Task.WhenAll(cameras.Select((c, i) => Put(server.Http, "wall-lim", i + 1, c)));
        Assert.Equal(4, admin.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.Conflict, admin[4]);

        using var person = server.ClientWith(await server.CreateAccount("vm-lim", "video_monitor", new { cameras = cameras.Take(3).ToArray() }));
        Assert.Equal(HttpStatusCode.OK, await Put(person, "wall-vm-lim", 1, cameras[0]));
        Assert.Equal(HttpStatusCode.OK, await Put(person, "wall-vm-lim", 2, cameras[1]));
        Assert.Equal(HttpStatusCode.OK, await Put(person, "wall-vm-lim", 3, cameras[0]));
        Assert.Equal(HttpStatusCode.Conflict, await Put(person, "wall-vm-lim", 4, cameras[2]));
    }

    private static async Task<HttpStatusCode> Put(HttpClient client, string monitor, int tile, string camera)
    {
        using var response = await client.PutAsJsonAsync($"/api/v1/video/monitors/{monitor}/tiles/{tile}", new { cameraId = camera });
        return response.StatusCode;
    }
}
