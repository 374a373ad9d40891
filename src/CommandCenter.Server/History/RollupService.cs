using CommandCenter.Abstractions;
using CommandCenter.Regions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.History;

/// <summary>
/// Every minute, the counts of the province, each city and each county as one point each. Every
/// silo does it: the points carry the minute as their time, so the copies overwrite each other in
/// InfluxDB and no silo has to be elected for it.
/// </summary>
public sealed class RollupService(
    IGrainFactory grains,
    RegionCatalog catalog,
    HistoryWriter writer,
    IOptions<InfluxOptions> options,
    TimeProvider time,
    ILogger<RollupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RollupInterval;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RollUp(interval);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task RollUp(TimeSpan interval)
    {
        var now = time.GetUtcNow();
        var slot = new DateTimeOffset(now.UtcTicks - now.UtcTicks % interval.Ticks, TimeSpan.Zero);
        var regions = new[] { (catalog.Province.Code, "province") }
            .Concat(catalog.Cities.Select(c => (c.Code, "city")))
            .Concat(catalog.Counties.Select(c => (c.Code, "county")));
        foreach (var (code, level) in regions)
        {
            try
            {
                var snapshot = await grains.GetGrain<IRegionGrain>(code).GetSnapshot();
                await writer.Enqueue(HistoryPoints.Rollup(code, level, snapshot.Tally, slot));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Roll-up of {Region} skipped this minute: {Error}", code, ex.Message);
            }
        }
    }
}
