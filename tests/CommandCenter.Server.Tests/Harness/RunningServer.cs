using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Server.Hosting;
using CommandCenter.Testing;
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
            $"--Auth:BootstrapAdmin:User={AdminUser}",
            $"--Auth:BootstrapAdmin:Password={AdminPassword}",
        };
        if (!extraArgs.Any(a => a.StartsWith("--Auth:SignInsPerMinute=", StringComparison.Ordinal)))
        {
            args.Add("--Auth:SignInsPerMinute=1000");
        }

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
        server.Anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        await server.WaitHealthy();
        server.AdminToken = await server.TokenFor(AdminUser, AdminPassword);
        server.Http = server.ClientWith(server.AdminToken);
        return server;
    }

    public const string AdminUser = "admin";
    public const string AdminPassword = "Test-Admin-Pass-2026";

    /// <summary>No credentials at all.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public HttpClient ClientWith(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenFor(string user, string password)
    {
        using var response = await Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Creates an account through the admin API and returns a token for it.</summary>
    public async Task<string> CreateAccount(string user, string role, object scope, string password = "Role-Test-Pass-2026")
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/accounts", new { userName = user, displayName = user, role, scope, password });
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await TokenFor(user, password);
    }

    public async Task<T> Get<T>(string path) =>
        (await Http.GetFromJsonAsync<T>(path, Json))!;

    public async Task<JsonElement> GetJson(string path) => await Get<JsonElement>(path);

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        Anonymous?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task WaitHealthy()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Anonymous.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the server did not become healthy within 30 s");
    }
}
