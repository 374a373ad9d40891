using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;
using CommandCenter.Testing;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CommandCenter.Server.Tests.Cluster;

/// <summary>
/// The production profile for real: three silo processes on Redis behind Mosquitto. One is killed
/// with SIGKILL under QoS 1 load; every check the broker accepted must end up counted exactly once,
/// within 30 s, with the dashboard still fed. Then every silo restarts and the state comes back
/// from Redis. One test, so the processes are started once.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_silo_killed_under_load_loses_no_accepted_message_and_a_full_restart_restores_state_from_redis()
    {
        await using var redis = await LocalRedis.StartAsync();
        // Queue without limit for a dead silo's session until a survivor takes it over.
        await using var broker = await LocalMosquitto.StartAsync("max_queued_messages 0", "max_inflight_messages 0");
        var id = $"t-{Guid.NewGuid():N}"[..14];
        var ports = Enumerable.Range(0, 3).Select(_ => (Http: SiloProcess.FreePort(), Silo: SiloProcess.FreePort(), Gateway: SiloProcess.FreePort())).ToArray();
        IEnumerable<string> Args(int i) =>
        [
            "--Cluster:Provider=Redis", $"--Redis:Configuration={redis.Configuration}",
            $"--Cluster:ClusterId={id}", $"--Cluster:ServiceId={id}", $"--Cluster:SiloName=silo{i + 1}",
            $"--Cluster:SiloPort={ports[i].Silo}", $"--Cluster:GatewayPort={ports[i].Gateway}",
            "--Mqtt:Mode=External", $"--Mqtt:Port={broker.Port}",
            "--Simulation:Mode=Off", "--Auth:SignInsPerMinute=1000",
            $"--Auth:BootstrapAdmin:User={RunningServer.AdminUser}", $"--Auth:BootstrapAdmin:Password={RunningServer.AdminPassword}",
            "--Ingest:RetryDelay=00:00:00.500",
        ];

        var silos = new List<SiloProcess>();
        try
        {
            silos.Add(await SiloProcess.StartAsync("silo1", ports[0].Http, Args(0)));
            silos.AddRange(await Task.WhenAll(SiloProcess.StartAsync("silo2", ports[1].Http, Args(1)), SiloProcess.StartAsync("silo3", ports[2].Http, Args(2))));
            using var api = await silos[0].SignIn();
            await using var watcher = await SituationWatcher.ConnectAsync(silos[0].BaseAddress, (api.DefaultRequestHeaders.Authorization!.Parameter)!);
            await watcher.SubscribeRegion("43");

            await using var load = await IdCheckLoad.ConnectAsync(broker.Port, sites: 40);
            using var stopLoad = new CancellationTokenSource();
            var running = load.RunAsync(perSecond: 200, stopLoad.Token);
            await Task.Delay(TimeSpan.FromSeconds(4));

            await silos[2].KillHard();
            var killedAt = Stopwatch.StartNew();
            var killedAtUtc = DateTime.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(6));
            await stopLoad.CancelAsync();
            await running;
            output.WriteLine($"accepted by the broker: {load.Matches} matches, {load.Mismatches} mismatches; not accepted: {load.Failures}");

            var counts = await Poll.Until(() => Counts(api), c => c.Verified == load.Matches && c.Rejected == load.Mismatches, Recovery - killedAt.Elapsed);
            output.WriteLine($"counted: {counts.Verified} verified, {counts.Rejected} refused; caught up {killedAt.Elapsed.TotalSeconds:F1} s after the kill");
            Assert.True(counts.Verified == load.Matches && counts.Rejected == load.Mismatches,
                $"after {killedAt.Elapsed}: counted {counts} of {load.Matches} matches / {load.Mismatches} mismatches\n--- silo1:\n{silos[0].Output}");
            Assert.True(killedAt.Elapsed < Recovery, $"caught up only after {killedAt.Elapsed}");
            Assert.Contains(watcher.Pushes, p => p.At > killedAtUtc.AddSeconds(1));

            // Every silo goes down at once; the restarted cluster reads the situation back from Redis.
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            silos.Clear();
            silos.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(i => SiloProcess.StartAsync($"silo{i + 1}", ports[i].Http, Args(i)))));
            using var again = await silos[1].SignIn();
            var restored = await Counts(again);
            Assert.Equal(counts, restored);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task a_redis_nobody_answers_fails_the_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningServer.StartAsync("--Cluster:Provider=Redis", $"--Redis:Configuration=127.0.0.1:{FreePorts.Next()}"));
        Assert.Contains("Redis:Configuration", error.Message);
    }

    private static async Task<(long Verified, long Rejected)> Counts(HttpClient api)
    {
        var province = await api.GetFromJsonAsync<JsonElement>("/api/v1/situation");
        var counts = province.GetProperty("counts");
        return (counts.GetProperty("candidatesVerified").GetInt64(), counts.GetProperty("idRejected").GetInt64());
    }
}
