using System.Net;
using CommandCenter.Grains;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Providers;

namespace CommandCenter.Server.Hosting;

/// <summary>
/// The two cluster profiles. Localhost: one silo, state in its activations only. Redis: membership,
/// grain storage and reminders in Redis, so silos on several machines form one cluster and the
/// live situation outlives any of them.
/// </summary>
internal static class ClusterProfile
{
    /// <summary>The ingest client id of a silo in the Redis profile: stable across its restarts.</summary>
    public static string IngestClientId(string siloName) => $"cc-ingest-{siloName}";

    public static void AddClusterProfile(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.Section));
        var cluster = builder.Configuration.GetSection(ClusterHostOptions.Section).Get<ClusterHostOptions>() ?? new ClusterHostOptions();
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        builder.UseOrleans(silo => Configure(silo, cluster, redis));
        if (cluster.Provider != ClusterProvider.Redis)
        {
            return;
        }

        builder.Services.AddHostedService<MembershipWatch>();
        if (string.IsNullOrEmpty(builder.Configuration[$"{MqttOptions.Section}:ClientId"]))
        {
            builder.Services.PostConfigure<MqttOptions>(o => o.ClientId = IngestClientId(cluster.SiloName));
        }

        if (builder.Configuration[$"{MqttOptions.Section}:Mode"] is { } mode && mode.Equals(nameof(MqttMode.External), StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddHostedService<SessionTakeover>();
        }
    }

    public static void Configure(ISiloBuilder silo, ClusterHostOptions cluster, RedisOptions redis)
    {
        if (cluster.Provider == ClusterProvider.Localhost)
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage(StorageNames.Security);
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage, ActivationOnlyStorage>(StorageNames.Live);
            return;
        }

        var connection = new RedisConnection(redis.Configuration ?? "");
        silo.Services.AddSingleton(connection);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = cluster.SiloName);
        silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
        // A killed silo is declared dead after about ProbeTimeout × MissedProbesLimit; its grains
        // then come back on the survivors from their stored state.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = cluster.ProbeTimeout;
            o.NumMissedProbesLimit = cluster.MissedProbesLimit;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        });
        // Orleans' validators want ConfigurationOptions; the connection itself is the shared one.
        // A missing or unparsable Redis:Configuration is reported by ClusterHostOptionsValidator, by
        // its key; Orleans' own validators (which run first) only need an object here.
        var options = connection.OptionsOrNull ?? new StackExchange.Redis.ConfigurationOptions();
        silo.UseRedisClustering(o =>
        {
            o.ConfigurationOptions = options;
            o.CreateMultiplexer = _ => connection.Shared();
        });
        foreach (var name in new[] { ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, StorageNames.Security, StorageNames.Live })
        {
            silo.AddRedisGrainStorage(name, (RedisStorageOptions o) =>
            {
                o.ConfigurationOptions = options;
                o.CreateMultiplexer = _ => connection.Shared();
            });
        }

        silo.UseRedisReminderService(o =>
        {
            o.ConfigurationOptions = options;
            o.CreateMultiplexer = _ => connection.Shared();
        });
    }
}
