using CommandCenter.Server.Tests.Harness;
using CommandCenter.Testing;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Tests.BrokerAccess;

public sealed class BrokerSettingsTests
{
    [Fact]
    public async Task an_external_broker_nobody_answers_fails_the_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningServer.StartAsync("--Mqtt:Mode=External", $"--Mqtt:Port={FreePorts.Next()}"));
        Assert.Contains("Mqtt:Port", error.Message);
    }
}
