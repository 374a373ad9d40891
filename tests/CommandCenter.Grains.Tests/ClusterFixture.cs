using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CommandCenter.Grains.Tests;

/// <summary>One in-process silo for all grain tests; tests use distinct regions so they don't meet.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);

    public ManualTime Time { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage(StorageNames.Live);
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.Configure<LivenessOptions>(o =>
            {
                o.StatusInterval = StatusInterval;
                o.MissedIntervalsOffline = 3;
            });
            silo.Services.Configure<PushOptions>(o => o.FlushInterval = TimeSpan.FromMilliseconds(20));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
