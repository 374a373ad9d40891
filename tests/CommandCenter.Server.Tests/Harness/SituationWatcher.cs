using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Server.Tests.Harness;

/// <summary>A .NET SignalR client of /hubs/situation that records every <c>changes</c> push.</summary>
public sealed class SituationWatcher : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private SituationWatcher(HubConnection connection) => _connection = connection;

    public ConcurrentQueue<(DateTime At, JsonElement Changes)> Pushes { get; } = new();

    public HubConnection Connection => _connection;

    public static Task<SituationWatcher> ConnectAsync(RunningServer server, string? token = null) =>
        ConnectAsync(server.BaseAddress, token ?? server.AdminToken);

    public static async Task<SituationWatcher> ConnectAsync(Uri server, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/situation"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol()
            .Build();
        var watcher = new SituationWatcher(connection);
        connection.On<JsonElement>("changes", changes => watcher.Pushes.Enqueue((DateTime.UtcNow, changes)));
        await connection.StartAsync();
        return watcher;
    }

    public Task<JsonElement> SubscribeSite(string siteId) => _connection.InvokeAsync<JsonElement>("SubscribeSite", siteId);

    public Task<JsonElement> SubscribeRegion(string code) => _connection.InvokeAsync<JsonElement>("SubscribeRegion", code);

    /// <summary>Waits for a pushed device of <paramref name="siteId"/> that satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForDevice(string siteId, Func<JsonElement, bool> match, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (_, changes) in Pushes)
            {
                foreach (var site in changes.GetProperty("sites").EnumerateArray())
                {
                    if (site.GetProperty("siteId").GetString() != siteId)
                    {
                        continue;
                    }

                    foreach (var device in site.GetProperty("devices").EnumerateArray())
                    {
                        if (match(device))
                        {
                            return device;
                        }
                    }
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no matching device push for {siteId} within {within}");
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
