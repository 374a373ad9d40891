using System.Threading.Channels;
using CommandCenter.Abstractions;
using CommandCenter.Grains;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.History;

/// <summary>
/// The silo's history queue and writer. Grains hand it state changes and events; it batches them
/// (up to Influx:BatchSize points or Influx:FlushInterval) and writes them with retries and
/// backoff. While InfluxDB is away the bounded queue holds the points; only when it is full do
/// the grains, and through them ingest and the broker, wait. The live view never waits on it.
/// </summary>
public sealed class HistoryWriter(
    InfluxClient influx,
    HistoryStats stats,
    IOptions<InfluxOptions> options,
    TimeProvider time,
    ILogger<HistoryWriter> logger) : BackgroundService, IHistorySink
{
    private readonly InfluxOptions _options = options.Value;
    private readonly Channel<LinePoint> _queue = Channel.CreateBounded<LinePoint>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await influx.EnsureDatabaseAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxException or TaskCanceledException)
        {
            throw new InvalidOperationException(
                $"Influx:Url: cannot create database '{_options.Database}' and its retention policies at {_options.Url} ({ex.Message}). Check Influx:Url, Influx:Database, Influx:User/Password, or leave Influx:Url empty to run without history.", ex);
        }

        await base.StartAsync(cancellationToken);
    }

    public ValueTask Enqueue(LinePoint point)
    {
        stats.RecordQueued();
        return _queue.Writer.WriteAsync(point);
    }

    public ValueTask DeviceStateChanged(string siteId, DeviceView device, DeviceState from, DateTimeOffset at) =>
        Enqueue(HistoryPoints.StateChange(siteId, device, from, at));

    public ValueTask DeviceEvent(EventView ev) => Enqueue(HistoryPoints.Event(ev));

    public TimeSpan RollupInterval => _options.RollupInterval;

    public async ValueTask SiteRollup(SiteRollup rollup)
    {
        foreach (var point in HistoryPoints.SiteRollup(rollup))
        {
            await Enqueue(point);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LinePoint>(_options.BatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                using (var window = new CancellationTokenSource(_options.FlushInterval, time))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(window.Token, stoppingToken))
                {
                    try
                    {
                        while (batch.Count < _options.BatchSize)
                        {
                            if (reader.TryRead(out var point))
                            {
                                batch.Add(point);
                            }
                            else if (!await reader.WaitToReadAsync(linked.Token))
                            {
                                break;
                            }
                        }
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                    }
                }

                stats.Backlog = reader.Count;
                await WriteWithRetries(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WriteWithRetries(List<LinePoint> batch, CancellationToken stoppingToken)
    {
        foreach (var group in batch.GroupBy(p => p.RetentionPolicy))
        {
            var points = group.ToList();
            var delay = _options.RetryDelay;
            while (true)
            {
                try
                {
                    await influx.WriteAsync(group.Key, points, stoppingToken);
                    stats.RecordWritten(points.Count, time.GetUtcNow());
                    break;
                }
                catch (InfluxException ex) when (ex.Status == 400)
                {
                    // Malformed points: InfluxDB keeps the good ones of the request and names the bad.
                    stats.RecordDropped(points.Count);
                    logger.LogError("InfluxDB refused a batch of {Count} points: {Error}", points.Count, ex.Message);
                    break;
                }
                catch (Exception ex) when (ex is HttpRequestException or InfluxException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    stats.RecordFailure(ex.Message);
                    if (stats.FailedRequests % 20 == 1)
                    {
                        logger.LogWarning("InfluxDB write failed ({Error}); {Backlog} points wait, retrying in {Delay}", ex.Message, _queue.Reader.Count + points.Count, delay);
                    }

                    await Task.Delay(delay, time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                }
            }
        }
    }
}
