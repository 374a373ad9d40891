using System.Collections.Concurrent;
using CommandCenter.Server.Ingest;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Hosting;

/// <summary>
/// Mosquitto keeps sending a dead silo's share of the <c>$share</c> traffic to its stored session,
/// and holds the messages it had not acknowledged there. So when the cluster declares a silo dead,
/// one survivor (chosen by a hash of the name, the same choice on every silo) connects under the
/// dead silo's ingest client id: it receives what was waiting and serves that share until the
/// silo comes back and takes its session over again.
/// </summary>
internal sealed class SessionTakeover(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IngestConnection connection,
    IOptions<MqttOptions> mqtt,
    ILogger<SessionTakeover> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _standIns = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                Apply(snapshot, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            foreach (var cts in _standIns.Values)
            {
                await cts.CancelAsync();
            }
        }
    }

    private void Apply(ClusterMembershipSnapshot snapshot, CancellationToken stoppingToken)
    {
        var members = snapshot.Members.Values.ToList();
        var active = members.Where(m => m.Status == SiloStatus.Active).OrderBy(m => m.SiloAddress.ToParsableString(), StringComparer.Ordinal).ToList();
        if (active.Count == 0)
        {
            return;
        }

        var activeNames = active.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var mine = members.Where(m => m.Status == SiloStatus.Dead && !activeNames.Contains(m.Name) && m.Name != local.Name)
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal)
            .Where(name => active[(int)(Fnv(name) % (uint)active.Count)].SiloAddress.Equals(local.SiloAddress))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var name in mine.Where(n => !_standIns.ContainsKey(n)))
        {
            var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _standIns[name] = cts;
            logger.LogWarning("Silo {Silo} is dead: this silo serves its ingest session until it returns", name);
            var settings = mqtt.Value;
            var ids = MqttIngestService.ClientIds(ClusterProfile.IngestClientId(name), settings.IngestConnections);
            _ = Task.WhenAll(ids.Select(id => connection.RunAsync(id, standIn: true, cts.Token)))
                .ContinueWith(_ => _standIns.TryRemove(name, out var _), TaskScheduler.Default);
        }

        foreach (var (name, cts) in _standIns.Where(p => !mine.Contains(p.Key)).ToList())
        {
            cts.Cancel();
            _standIns.TryRemove(name, out _);
        }
    }

    // The same on every silo (string.GetHashCode is randomised per process).
    private static uint Fnv(string text)
    {
        var hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
