using CommandCenter.Server.Push;

namespace CommandCenter.Server.Hosting;

/// <summary>
/// Redis profile: when the cluster declares a silo dead, the grains it held come back on the
/// survivors without this silo's push subscriptions; the relay renews them at once instead of
/// waiting for its periodic renewal, so the dashboard keeps updating.
/// </summary>
internal sealed class MembershipWatch(IClusterMembershipService membership, SituationRelay relay, ILogger<MembershipWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (newlyDead.Count > 0)
                {
                    logger.LogWarning("Silo(s) {Silos} declared dead; renewing push subscriptions", string.Join(", ", newlyDead.Select(m => m.Name)));
                    relay.RenewSoon();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
