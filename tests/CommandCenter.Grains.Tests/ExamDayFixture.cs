using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CommandCenter.Grains.Tests;

/// <summary>A cluster of its own for the exam-day replay: it stores the (one) current plan and moves its own clock.</summary>
public sealed class ExamDayFixture : IAsyncLifetime
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
            silo.Services.Configure<PushOptions>(o => o.FlushInterval = TimeSpan.FromMilliseconds(20));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
