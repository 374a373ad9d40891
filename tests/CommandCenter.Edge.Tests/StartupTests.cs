using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CommandCenter.Testing;

namespace CommandCenter.Edge.Tests;

/// <summary>A bad setting stops the start with a message naming its key, and an exit code systemd does not loop on.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--Edge:SiteId=123", "Edge:SiteId must be 8 digits")]
    [InlineData("--Edge:Mqtt:Port=0", "Edge:Mqtt:Port must be 1-65535")]
    [InlineData("--Edge:Queue:MaxBytes=1000", "Edge:Queue:MaxBytes must be at least")]
    [InlineData("--Edge:Clock:Reference=ntp", "Edge:Clock:NtpServer is required")]
    [InlineData("--Edge:Devices:0:Id=cam 1", "Edge:Devices:0:Id must match")]
    [InlineData("--Edge:Mqtt:CaFile=/nonexistent/ca.pem", "Edge:Mqtt:CaFile '/nonexistent/ca.pem' does not exist")]
    public async Task a_bad_setting_fails_the_start_naming_its_key(string setting, string message)
    {
        List<string> args = ["--Edge:SiteId=43010201", $"--Edge:QueueDirectory={_dir.Sub("queue")}", "--Edge:Http:Port=0", setting];
        if (setting.StartsWith("--Edge:Devices", StringComparison.Ordinal))
        {
            args.Add("--Edge:Devices:0:Kind=camera");
        }

        await using var app = EdgeApp.Build([.. args]);
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(failure.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_program_exits_with_ex_config_on_a_bad_setting_and_ex_tempfail_when_the_queue_is_taken()
    {
        Assert.Equal(EdgeProgram.ConfigurationError, await EdgeProgram.RunAsync(["--Edge:SiteId=nope", $"--Edge:QueueDirectory={_dir.Sub("q1")}", "--Edge:Http:Port=0"]));
        Assert.Equal(EdgeProgram.ConfigurationError, await EdgeProgram.RunAsync(["--Edge:SiteId=43010201", $"--Edge:QueueDirectory={_dir.Sub("q2")}", "--Edge:Mqtt:Port=abc", "--Edge:Http:Port=0"]));
        Assert.Equal(EdgeProgram.ConfigurationError, await EdgeProgram.RunAsync(["--config", _dir.Sub("missing.json")]));

        await using var running = await RunningAgent.StartAsync(_dir.Sub("queue"));
        Assert.Equal(EdgeProgram.CannotStart,
            await EdgeProgram.RunAsync(["--Edge:SiteId=43010201", $"--Edge:QueueDirectory={_dir.Sub("queue")}", "--Edge:Http:Port=0"]));
    }

    [Fact]
    public async Task the_site_file_is_read_and_the_command_line_overrides_it()
    {
        var file = _dir.Sub("site.json");
        await File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(new { Edge = new { SiteId = "43010299", QueueDirectory = _dir.Sub("q"), Mqtt = new { Port = 1 } } }));
        await using var app = EdgeApp.Build(["--config", file, "--Edge:Http:Port=0", $"--Edge:Mqtt:Port={FreePorts.Next()}"]);
        var options = app.Services.GetRequiredService<IOptions<EdgeOptions>>().Value;
        Assert.Equal("43010299", options.SiteId);
        Assert.NotEqual(1, options.Mqtt.Port);
    }
}
