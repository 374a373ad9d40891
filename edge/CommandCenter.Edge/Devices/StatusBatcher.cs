using System.Buffers;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Hosting;
using CommandCenter.Edge.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Devices;

/// <summary>
/// Gathers statuses per room and queues one batch per room each window on <c>…/batch</c>.
/// Within a window a device's newer status replaces its older one, so a chatty device cannot
/// grow the queue: at most one status per device per window goes out.
/// </summary>
public sealed class StatusBatcher(IOptions<EdgeOptions> options, DurableQueue queue, TimeProvider time, ILogger<StatusBatcher> logger)
    : BackgroundService
{
    private const int MaxItemsPerBatch = 500;
    private const int MaxBytesPerBatch = 200 * 1024;
    private static readonly byte[] Open = "{\"items\":["u8.ToArray();
    private static readonly byte[] Close = "]}"u8.ToArray();

    private readonly string _topic = EdgeTopics.Batch(options.Value.SiteId);
    private readonly object _gate = new();
    private Dictionary<string, Dictionary<string, byte[]>> _rooms = new(StringComparer.Ordinal);

    /// <summary>Holds a validated status item (with its deviceId) for its room's next batch.</summary>
    public void Add(string? room, string deviceId, byte[] item)
    {
        lock (_gate)
        {
            var key = room ?? "";
            if (!_rooms.TryGetValue(key, out var devices))
            {
                devices = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                _rooms.Add(key, devices);
            }

            devices[deviceId] = item;
        }
    }

    /// <summary>Queues whatever is held now.</summary>
    public async Task FlushAsync()
    {
        Dictionary<string, Dictionary<string, byte[]>> rooms;
        lock (_gate)
        {
            if (_rooms.Count == 0)
            {
                return;
            }

            rooms = _rooms;
            _rooms = new Dictionary<string, Dictionary<string, byte[]>>(StringComparer.Ordinal);
        }

        var batches = rooms.OrderBy(r => r.Key, StringComparer.Ordinal).SelectMany(r => Batches(r.Value.Values)).ToList();
        try
        {
            await Task.WhenAll(batches.Select(b => queue.AppendAsync(QueueClass.Droppable, _topic, b))).ConfigureAwait(false);
        }
        catch (QueueUnavailableException ex)
        {
            logger.LogWarning("Statuses of {Rooms} rooms could not be queued: {Reason}", rooms.Count, ex.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Batching.Window, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static IEnumerable<byte[]> Batches(IEnumerable<byte[]> items)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var count = 0;
        foreach (var item in items)
        {
            if (count > 0 && (count == MaxItemsPerBatch || buffer.WrittenCount + item.Length > MaxBytesPerBatch))
            {
                yield return Finish(buffer);
                buffer.Clear();
                count = 0;
            }

            buffer.Write(count == 0 ? Open : ","u8);
            buffer.Write(item);
            count++;
        }

        if (count > 0)
        {
            yield return Finish(buffer);
        }
    }

    private static byte[] Finish(ArrayBufferWriter<byte> buffer)
    {
        buffer.Write(Close);
        return buffer.WrittenSpan.ToArray();
    }
}
