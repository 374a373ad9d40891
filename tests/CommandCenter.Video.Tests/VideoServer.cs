using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Abstractions.Video;
using CommandCenter.Server.Tests.Harness;
using CommandCenter.Server.Video;
using CommandCenter.Video.Processes;
using CommandCenter.Video.TestCameras;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Video.Tests;

/// <summary>A real command center with fast video settings, its own recording folder, and test cameras on loopback.</summary>
public sealed class VideoServer : IAsyncLifetime
{
    private readonly List<TestCamera> _cameras = [];

    public RunningServer Server { get; private set; } = null!;

    public string RecordingRoot { get; } = Path.Combine(Path.GetTempPath(), "cc-rec-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The test cameras' own encoders (kept apart from the server's table).</summary>
    public FfmpegProcessTable CameraProcesses { get; } = new();

    public FfmpegProcessTable ServerProcesses => Server.Services.GetRequiredService<FfmpegProcessTable>();

    public static string[] Arguments(string recordingRoot, params string[] extra) =>
    [
        "--Video:ProbeInterval=00:00:01",
        "--Video:ProbeWindow=00:00:02",
        "--Video:ProbeTimeout=00:00:02",
        "--Video:FrozenAfter=00:00:01",
        "--Video:LiveIdleStop=00:00:01",
        "--Video:SegmentLength=00:00:01",
        "--Video:RecordingSweepInterval=00:00:01",
        $"--Video:RecordingRoot={recordingRoot}",
        $"--webroot={WebRoot()}",
        .. extra,
    ];

    /// <summary>The server's wwwroot in the source tree (a test run is not Development, so static web assets are off).</summary>
    public static string WebRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "CommandCenter.Server", "wwwroot");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("src/CommandCenter.Server/wwwroot above " + AppContext.BaseDirectory);
    }

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(Arguments(RecordingRoot));

    public async Task DisposeAsync()
    {
        foreach (var camera in _cameras)
        {
            await camera.DisposeAsync();
        }

        var errors = Server.LoggedErrors.ToList();
        await Server.DisposeAsync();
        Assert.True(errors.Count == 0, "the server logged errors:\n" + string.Join("\n", errors));
        if (Directory.Exists(RecordingRoot))
        {
            Directory.Delete(RecordingRoot, recursive: true);
        }
    }

    public TestCamera StartCamera(string label, bool frozen = false)
    {
        var camera = TestCamera.Start("/usr/bin/ffmpeg", CameraProcesses, TimeProvider.System, label, frozen);
        _cameras.Add(camera);
        return camera;
    }

    /// <summary>Registers a camera the way the plan importer will (the edge path has its own test).</summary>
    public Task Register(string cameraId, string url, string room = "015") =>
        Server.Services.GetRequiredService<ICameraRegistry>().Register(new CameraRegistration(cameraId, room, url, "plan", null));

    public async Task<JsonElement> Camera(string cameraId) => await Server.GetJson($"/api/v1/cameras/{cameraId}");

    public static bool Is(JsonElement camera, string property, bool value) =>
        camera.ValueKind == JsonValueKind.Object && camera.TryGetProperty(property, out var p)
        && p.ValueKind is JsonValueKind.True or JsonValueKind.False && p.GetBoolean() == value;

    public async Task<HttpResponseMessage> Assign(HttpClient client, string monitorId, int tile, string cameraId) =>
        await client.PutAsJsonAsync($"/api/v1/video/monitors/{monitorId}/tiles/{tile}", new { cameraId });
}
