using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Server.Tests.Harness;

/// <summary>A real command center on loopback ports of its own (HTTP, MQTT, silo), started as Program does.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly WebApplication _app;
    private readonly ErrorLogRecorder _errors = new();

    private RunningServer(WebApplication app, ErrorLogRecorder errors, int mqttPort)
    {
        _app = app;
        _errors = errors;
        MqttPort = mqttPort;
    }

    public int MqttPort { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public IReadOnlyCollection<string> LoggedErrors => _errors.Errors;

    /// <summary>Starts a server; <paramref name="extraArgs"/> override the test defaults (command-line style).</summary>
    public static async Task<RunningServer> StartAsync(params string[] extraArgs)
    {
        var mqttPort = FreePorts.Next();
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            $"--Mqtt:Port={mqttPort}",
            $"--Mqtt:ClientId=cc-test-{Guid.NewGuid():N}",
            $"--Cluster:SiloPort={FreePorts.Next()}",
            $"--Cluster:GatewayPort={FreePorts.Next()}",
            $"--Cluster:ClusterId=test-{Guid.NewGuid():N}",
            "--Simulation:Mode=Off",
            "--Ingest:StatusInterval=00:00:01",
            "--Ingest:MissedIntervalsOffline=2",
        };
        args.AddRange(extraArgs);
        var port = args.LastOrDefault(a => a.StartsWith("--Mqtt:Port=", StringComparison.Ordinal))?["--Mqtt:Port=".Length..];
        var errors = new ErrorLogRecorder();
        var app = CommandCenterApp.Build([.. args], b => b.Logging.AddProvider(errors));
        var server = new RunningServer(app, errors, int.Parse(port ?? mqttPort.ToString()));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        server.BaseAddress = new Uri(CommandCenterApp.Urls(app).Single());
        server.Http = new HttpClient { BaseAddress = server.BaseAddress };
        await server.WaitHealthy();
        return server;
    }

    public async Task<T> Get<T>(string path) =>
        (await Http.GetFromJsonAsync<T>(path, Json))!;

    public async Task<JsonElement> GetJson(string path) => await Get<JsonElement>(path);

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task WaitHealthy()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the server did not become healthy within 30 s");
    }
}
