using System.Diagnostics;
using CommandCenter.Edge.Tests.Harness;

namespace CommandCenter.Edge.Tests;

/// <summary>deploy/edge: the installer lays out a complete tree, and systemd accepts the unit.</summary>
public sealed class DeployTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task the_installer_stages_the_agent_its_settings_queue_and_a_unit_systemd_accepts()
    {
        var repo = RepoRoot();
        var agentBin = Path.GetDirectoryName(AgentProcess.AgentDll())!;
        var (code, output) = await RunAsync("bash", Path.Combine(repo, "deploy", "edge", "install.sh"), "--root", _dir.Path, "--from", agentBin);
        Assert.True(code == 0, output);

        Assert.True(File.Exists(_dir.Sub("opt/cc-edge/CommandCenter.Edge.dll")));
        Assert.True(File.Exists(_dir.Sub("opt/cc-edge/CommandCenter.Edge")));
        Assert.True(Directory.Exists(_dir.Sub("var/lib/cc-edge/queue")));
        var settings = await File.ReadAllTextAsync(_dir.Sub("etc/cc-edge/appsettings.json"));
        Assert.Contains("\"QueueDirectory\": \"/var/lib/cc-edge/queue\"", settings);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(_dir.Sub("etc/cc-edge/appsettings.json")));
        }

        var unit = await File.ReadAllTextAsync(_dir.Sub("etc/systemd/system/cc-edge.service"));
        Assert.Contains("RestartPreventExitStatus=78", unit);
        Assert.Contains("Environment=CC_EDGE_CONFIG=/etc/cc-edge/appsettings.json", unit);

        // Running it again keeps the site's settings.
        await File.WriteAllTextAsync(_dir.Sub("etc/cc-edge/appsettings.json"), "{\"Edge\":{\"SiteId\":\"43010201\"}}");
        Assert.Equal(0, (await RunAsync("bash", Path.Combine(repo, "deploy", "edge", "install.sh"), "--root", _dir.Path, "--from", agentBin)).Code);
        Assert.Contains("43010201", await File.ReadAllTextAsync(_dir.Sub("etc/cc-edge/appsettings.json")));

        if (File.Exists("/usr/bin/systemd-analyze"))
        {
            var staged = _dir.Sub("cc-edge.service");
            await File.WriteAllTextAsync(staged, unit.Replace("/opt/cc-edge/CommandCenter.Edge", _dir.Sub("opt/cc-edge/CommandCenter.Edge"), StringComparison.Ordinal));
            var verify = await RunAsync("systemd-analyze", "verify", staged);
            Assert.True(verify.Code == 0, verify.Output);
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
        {
            dir = dir.Parent ?? throw new InvalidOperationException("repository root not found");
        }

        return dir.FullName;
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
