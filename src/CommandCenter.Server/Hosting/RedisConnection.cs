using StackExchange.Redis;

namespace CommandCenter.Server.Hosting;

/// <summary>
/// One Redis connection for membership, grain storage, reminders and the health check. Connected at
/// start (a wrong <c>Redis:Configuration</c> stops the silo with the key's name).
/// </summary>
public sealed class RedisConnection(string configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer = new(async () =>
        await ConnectionMultiplexer.ConnectAsync(Options(configuration)));

    public Task<IConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    /// <summary>For health: connected now (false before the first connection too).</summary>
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully && _multiplexer.Value.Result.IsConnected;

    /// <summary>The parsed settings, or null when they do not parse (the validator names the key then).</summary>
    public ConfigurationOptions? OptionsOrNull
    {
        get
        {
            try
            {
                return Options(configuration);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }

    /// <summary>For Orleans' providers: the connection is shared, so they must not dispose it.</summary>
    public async Task<(IConnectionMultiplexer Multiplexer, bool IsShared)> Shared() => (await GetAsync(), true);

    /// <summary>Null when Redis answers a PING with these settings, else a message naming the key.</summary>
    public static string? Check(string? configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return "Redis:Configuration is required with Cluster:Provider=Redis (e.g. 127.0.0.1:6379).";
        }

        ConfigurationOptions options;
        try
        {
            options = Options(configuration);
        }
        catch (ArgumentException ex)
        {
            return $"Redis:Configuration cannot be parsed ('{Redact(configuration)}'): {ex.Message}";
        }

        try
        {
            options.ConnectTimeout = 5000;
            options.AbortOnConnectFail = true;
            using var connection = ConnectionMultiplexer.Connect(options);
            connection.GetDatabase().Ping();
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return $"Redis:Configuration: no Redis answers at '{Redact(configuration)}' ({ex.Message.Split('\n')[0]}).";
        }
    }

    private static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // A silo keeps retrying a Redis that went away instead of failing once.
        options.AbortOnConnectFail = false;
        return options;
    }

    private static string Redact(string configuration) =>
        string.Join(',', configuration.Split(',').Select(p => p.StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=…" : p));

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            (await _multiplexer.Value).Dispose();
        }
    }
}
