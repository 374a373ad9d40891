using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Regions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Custody;

/// <summary>Section "Custody".</summary>
public sealed class CustodyOptions
{
    public const string Section = "Custody";

    /// <summary>How often bags that should be in their rooms by now are looked for.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MissingBagCheck { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Looks for missing bags (regular bags not in their room by the bag-opening time) and raises a critical
/// alarm at their site, once per bag (the site keeps one alarm per key). A service outside grains: it reads
/// the county indexes and calls sites, which is a fan-out no grain may do.
/// </summary>
public sealed class MissingBagWatcher(IGrainFactory grains, RegionCatalog catalog, IOptions<CustodyOptions> options, TimeProvider time,
    ILogger<MissingBagWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MissingBagCheck, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckOnce();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Missing-bag check failed; retrying at the next tick");
            }
        }
    }

    public async Task CheckOnce()
    {
        var plan = await grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetPlan();
        if (plan is null)
        {
            return;
        }

        var counties = plan.Sites.Select(s => RegionCodes.CountyOfSite(s.SiteId)).Distinct(StringComparer.Ordinal).Where(c => catalog.Find(c) is not null);
        var lists = await Task.WhenAll(counties.Select(c => grains.GetGrain<IBagIndexGrain>(c).List(null)));
        foreach (var bag in MissingBags.Find(lists.SelectMany(l => l), plan, time.GetUtcNow()))
        {
            await grains.GetGrain<ISiteGrain>(bag.SiteId).RaiseAlarm(AlarmCauses.BagMissing, $"{AlarmCauses.BagMissing}/{bag.BagId}",
                AlarmSeverity.Critical, bag.Room, $"bag {bag.BagId} ({bag.Subject}, session {bag.SessionId}) is {bag.State} at the bag-opening time, not in room {bag.Room}");
        }
    }
}
