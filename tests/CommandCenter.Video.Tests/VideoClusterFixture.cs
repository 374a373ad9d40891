using CommandCenter.Grains.Video;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CommandCenter.Video.Tests;

/// <summary>One in-process silo for the video grain tests, with a clock the tests move by hand.</summary>
public sealed class VideoClusterFixture : IAsyncLifetime
{
    public ManualClock Time { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.Configure<VideoWallOptions>(_ => { });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class VideoClusterCollection : ICollectionFixture<VideoClusterFixture>
{
    public const string Name = "video-cluster";
}

public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.Parse("2026-06-07T07:30:00+08:00", global::System.Globalization.CultureInfo.InvariantCulture);

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}
