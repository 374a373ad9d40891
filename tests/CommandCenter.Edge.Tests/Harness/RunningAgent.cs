using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Edge.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CommandCenter.Testing;

namespace CommandCenter.Edge.Tests.Harness;

/// <summary>The agent in-process, as Program starts it, on a free HTTP port with its own queue directory.</summary>
internal sealed class RunningAgent : IAsyncDisposable
{
    public const string SiteId = "43010201";

    private readonly WebApplication _app;

    private RunningAgent(WebApplication app, LogRecorder logs, Uri baseAddress)
    {
        _app = app;
        Logs = logs;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LogRecorder Logs { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts an agent; <paramref name="args"/> override the test defaults (command-line style).</summary>
    public static async Task<RunningAgent> StartAsync(string queueDirectory, params string[] args)
    {
        var logs = new LogRecorder();
        string[] defaults =
        [
            $"--Edge:SiteId={SiteId}",
            $"--Edge:QueueDirectory={queueDirectory}",
            "--Edge:Http:Port=0",
            $"--Edge:Mqtt:Port={FreePorts.Next()}",
            "--Edge:Mqtt:MinReconnectDelay=00:00:00.200",
            "--Edge:Mqtt:MaxReconnectDelay=00:00:01",
        ];
        var app = EdgeApp.Build([.. defaults, .. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        return new RunningAgent(app, logs, new Uri(EdgeApp.Urls(app)[0]));
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public Task<HttpResponseMessage> PostAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonElement> StatusAsync() => await Http.GetFromJsonAsync<JsonElement>("/status.json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
    }
}
