using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Testing;

namespace CommandCenter.Edge.Tests.Harness;

/// <summary>The built agent (<c>dotnet CommandCenter.Edge.dll</c>) as a child process, so that it can be killed with SIGKILL.</summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AgentProcess(Process process, int httpPort)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<AgentProcess> StartAsync(params string[] args)
    {
        var httpPort = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet", [AgentDll(), $"--Edge:Http:Port={httpPort}", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(AgentDll())!,
        };
        var agent = new AgentProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), httpPort);
        agent._process.OutputDataReceived += (_, e) => agent.Record(e.Data);
        agent._process.ErrorDataReceived += (_, e) => agent.Record(e.Data);
        agent._process.BeginOutputReadLine();
        agent._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (agent._process.HasExited)
            {
                throw new InvalidOperationException($"the agent exited with {agent._process.ExitCode}: {string.Join('\n', agent.Output)}");
            }

            try
            {
                if ((await agent.Http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return agent;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await agent.DisposeAsync();
        throw new TimeoutException("the agent did not answer /healthz within 30 s");
    }

    /// <summary>The agent's build output beside this test's (same configuration).</summary>
    public static string AgentDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CommandCenter.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? "", "edge", "CommandCenter.Edge", "bin", configuration, framework, "CommandCenter.Edge.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the agent is not built at {dll}");
    }

    public async Task<JsonElement> StatusAsync() => await Http.GetFromJsonAsync<JsonElement>("/status.json");

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            Output.Enqueue(line);
        }
    }
}
