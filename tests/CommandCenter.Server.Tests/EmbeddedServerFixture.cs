using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

/// <summary>One embedded-default server for a test class; fails the class if the server logged an error.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync();

    public async Task DisposeAsync()
    {
        var errors = Server.LoggedErrors.ToList();
        await Server.DisposeAsync();
        Assert.True(errors.Count == 0, "the server logged errors:\n" + string.Join("\n", errors));
    }
}
