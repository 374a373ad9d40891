using System.Diagnostics;
using CommandCenter.Testing;

namespace CommandCenter.Bench;

/// <summary>
/// What one benchmark step runs against: a broker and one or more server processes. The default is
/// the foundation's (Mosquitto of the bench's own + one silo, state in memory); the production profile
/// is Redis + Mosquitto from deploy/local and N silos clustered on Redis, splitting ingest via $share.
/// </summary>
internal sealed class Topology : IAsyncDisposable
{
    // Mosquitto's default max_queued_messages (1000) drops QoS 1 messages of a busy session; production lifts it (deploy/mosquitto).
    private static readonly string[] BrokerLimits = ["max_queued_messages 200000", "max_inflight_messages 1000"];

    private readonly LocalMosquitto? _ownBroker;
    private readonly string? _localDir;

    private Topology(LocalMosquitto? ownBroker, string? localDir, int mqttPort, int brokerPid, int? redisPid, IReadOnlyList<ServerProcess> servers)
    {
        _ownBroker = ownBroker;
        _localDir = localDir;
        MqttPort = mqttPort;
        BrokerPid = brokerPid;
        RedisPid = redisPid;
        Servers = servers;
    }

    public int MqttPort { get; }

    public int BrokerPid { get; }

    public int? RedisPid { get; }

    public IReadOnlyList<ServerProcess> Servers { get; }

    public static async Task<Topology> StartAsync(BenchOptions options, string[] serverSimulation)
    {
        if (options.Profile == Profile.Default)
        {
            var broker = await LocalMosquitto.StartAsync(BrokerLimits);
            try
            {
                var server = await ServerProcess.StartAsync(broker.Port, options.IngestConnections, serverSimulation);
                return new Topology(broker, null, broker.Port, broker.Pid, null, [server]);
            }
            catch
            {
                await broker.DisposeAsync();
                throw;
            }
        }

        var dir = Directory.CreateTempSubdirectory("cc-bench-local-").FullName;
        var servers = new List<ServerProcess>();
        try
        {
            await LocalScript("start.sh", ("CC_MOSQUITTO_EXTRA_CONF", string.Join('\n', BrokerLimits)), "--dir", dir, "--only", "redis,mosquitto");
            var env = File.ReadAllLines(Path.Combine(dir, "env.sh"))
                .Select(l => l.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
                .Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim().Trim('"', '\''));
            var mqttPort = int.Parse(env["CC_TEST_MQTT_PORT"], System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 1; i <= options.Silos; i++)
            {
                // Only the first silo runs an in-server simulation; every silo ingests its $share of the broker's traffic.
                servers.Add(await ServerProcess.StartAsync(mqttPort, options.IngestConnections,
                [
                    "--Cluster:Provider=Redis", $"--Redis:Configuration={env["CC_TEST_REDIS"]}", $"--Cluster:SiloName=bench-silo{i}",
                    .. i == 1 ? serverSimulation : [],
                ]));
            }

            return new Topology(null, dir, mqttPort, Pid(dir, "mosquitto"), Pid(dir, "redis"), servers);
        }
        catch
        {
            await Dispose(servers, dir);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Dispose(Servers, _localDir);
        if (_ownBroker is not null)
        {
            await _ownBroker.DisposeAsync();
        }
    }

    private static async Task Dispose(IReadOnlyList<ServerProcess> servers, string? localDir)
    {
        foreach (var server in servers)
        {
            server.Quiet = true;
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        if (localDir is not null)
        {
            await LocalScript("stop.sh", null, "--dir", localDir);
            Directory.Delete(localDir, recursive: true);
        }
    }

    private static int Pid(string dir, string name) => int.Parse(File.ReadAllText(Path.Combine(dir, name + ".pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task LocalScript(string script, (string Name, string Value)? env, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(ServerProcess.RepoRoot(), "deploy", "local", script));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (env is { } e)
        {
            info.Environment[e.Name] = e.Value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/local/{script} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}

internal enum Profile
{
    Default,
    Redis,
}
