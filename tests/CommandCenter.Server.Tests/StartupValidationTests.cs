using CommandCenter.Server.Tests.Harness;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Tests;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("--Mqtt:Port=0", "Mqtt")]
    [InlineData("--Cluster:Provider=Redis", "Redis:Configuration")]
    [InlineData("--Mqtt:ClientId=site-43010201", "Mqtt:ClientId")]
    [InlineData("--Ingest:ClockToleranceMs=-5", "ClockToleranceMs")]
    public async Task a_bad_setting_fails_the_start_naming_the_setting(string arg, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(arg));
        Assert.Contains(named, error.Message);
    }
}
