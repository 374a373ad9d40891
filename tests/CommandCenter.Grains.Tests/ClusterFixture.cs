using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CommandCenter.Grains.Tests;

/// <summary>One in-process silo for all grain tests; tests use distinct regions so they don't meet.</summary>
public sealed class ClusterFixture : SiloFixture
{
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);

    protected override void Configure(IServiceCollection services) => services.Configure<LivenessOptions>(o =>
    {
        o.StatusInterval = StatusInterval;
        o.MissedIntervalsOffline = 3;
    });
}

/// <summary>An in-process silo with memory storage, a manual clock and fast pushes; subclasses add their options.</summary>
public abstract class SiloFixture : IAsyncLifetime
{
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
            Configure(silo.Services);
            silo.Services.Configure<PushOptions>(o => o.FlushInterval = TimeSpan.FromMilliseconds(20));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    protected virtual void Configure(IServiceCollection services)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
