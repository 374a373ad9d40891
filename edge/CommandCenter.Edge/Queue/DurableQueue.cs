using System.Globalization;
using System.Text;
using System.Threading.Channels;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Edge.Queue;

/// <summary>
/// The store-and-forward queue: two segment logs under one directory (<c>kept/</c> for events,
/// custody, reports and command acks; <c>status/</c> for periodic status batches), one writer with
/// group commit (an append completes only after its record is fsync'd; appends that arrive together
/// share one fsync), a disk budget that drops status first and oldest first, and the read and
/// acknowledge side the MQTT forwarder uses (kept records first, each log in order).
/// </summary>
public sealed class DurableQueue : IAsyncDisposable
{
    public const int MaxPayloadBytes = 256 * 1024;
    private const string Source = "queue";
    private const int MaxBatchRecords = 4096;
    private const long MaxBatchBytes = 8 * 1024 * 1024;
    private const long MinSegmentBytes = 16 * 1024;
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromMilliseconds(200);

    private readonly Channel<PendingAppend> _appends = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(16_384) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly string _directory;
    private readonly string _quarantine;
    private readonly SegmentLog _kept;
    private readonly SegmentLog _droppable;
    private readonly FileStream _lock;
    private readonly TimeProvider _time;
    private readonly AgentAlerts _alerts;
    private readonly AsyncSignal _dataAvailable = new();
    private readonly long _maxBytes;
    private readonly Task _writer;
    private long _droppedStatus;
    private long _droppedKept;
    private long _writeFailures;
    private int _disposed;

    private DurableQueue(
        string directory, string quarantine, SegmentLog kept, SegmentLog droppable, FileStream lockFile, long maxBytes, TimeProvider time,
        AgentAlerts alerts)
    {
        _directory = directory;
        _quarantine = quarantine;
        _kept = kept;
        _droppable = droppable;
        _lock = lockFile;
        _maxBytes = maxBytes;
        _time = time;
        _alerts = alerts;
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Directory => _directory;

    /// <summary>Opens (or creates) the queue, recovering from a crash: torn tails cut off, damaged files salvaged into quarantine/.</summary>
    public static DurableQueue Open(string directory, long maxBytes, long segmentBytes, TimeProvider time, AgentAlerts alerts)
    {
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new QueueUnavailableException($"the queue directory {directory} is in use by another agent process", ex);
        }

        try
        {
            var quarantine = Path.Combine(directory, "quarantine");
            var segment = Math.Clamp(segmentBytes, MinSegmentBytes, Math.Max(MinSegmentBytes, maxBytes / 16));
            var kept = SegmentLog.Open(Path.Combine(directory, "kept"), quarantine, QueueClass.Kept, segment, time, alerts);
            var droppable = SegmentLog.Open(Path.Combine(directory, "status"), quarantine, QueueClass.Droppable, segment, time, alerts);
            return new DurableQueue(directory, quarantine, kept, droppable, lockFile, maxBytes, time, alerts);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Queues one message; the task completes with its seq once the record is on disk (fsync'd).
    /// Throws <see cref="QueueUnavailableException"/> when it could not be made durable.
    /// </summary>
    public async Task<long> AppendAsync(QueueClass queueClass, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            throw new ArgumentException($"payload of {payload.Length} bytes exceeds {MaxPayloadBytes}", nameof(payload));
        }

        var pending = new PendingAppend(queueClass, Encoding.UTF8.GetBytes(topic), payload, _time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            await _appends.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new QueueUnavailableException("the queue is closed: the agent is stopping");
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Forwarder: after a (re)connect, send again everything not yet acknowledged, in order.</summary>
    public void RewindForReplay()
    {
        _kept.Rewind();
        _droppable.Rewind();
    }

    /// <summary>Forwarder: the next messages to publish, kept records before status batches.</summary>
    public int ReadNext(List<QueuedMessage> into, int max)
    {
        var read = _kept.Read(into, max);
        return read < max ? read + _droppable.Read(into, max - read) : read;
    }

    /// <summary>Forwarder: the broker acknowledged this message (and, per log, everything before it).</summary>
    public void Acknowledge(QueuedMessage message) => LogOf(message.Class).Acknowledge(message.Seq);

    /// <summary>Forwarder: true when new records were committed since the last wait, false after the timeout.</summary>
    public Task<bool> WaitForDataAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _dataAvailable.WaitAsync(timeout, cancellationToken);

    public QueueSnapshot Snapshot()
    {
        var quarantined = System.IO.Directory.Exists(_quarantine)
            ? System.IO.Directory.EnumerateFiles(_quarantine).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
        return new QueueSnapshot(_directory, _kept.Snapshot(), _droppable.Snapshot(), _maxBytes,
            Interlocked.Read(ref _droppedStatus), Interlocked.Read(ref _droppedKept), Interlocked.Read(ref _writeFailures), quarantined);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _appends.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _kept.Dispose();
        _droppable.Dispose();
        await _lock.DisposeAsync().ConfigureAwait(false);
    }

    private SegmentLog LogOf(QueueClass queueClass) => queueClass == QueueClass.Kept ? _kept : _droppable;

    private async Task WriteLoopAsync()
    {
        var reader = _appends.Reader;
        var batch = new List<PendingAppend>(256);
        var lastMaintenance = _time.GetTimestamp();
        while (true)
        {
            if (!reader.TryPeek(out _))
            {
                var waiting = reader.WaitToReadAsync().AsTask();
                if (await Task.WhenAny(waiting, Task.Delay(MaintenanceInterval, _time)).ConfigureAwait(false) == waiting
                    && !await waiting.ConfigureAwait(false))
                {
                    break;
                }
            }

            batch.Clear();
            long bytes = 0;
            while (batch.Count < MaxBatchRecords && bytes < MaxBatchBytes && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                bytes += pending.Payload.Length;
            }

            if (batch.Count > 0)
            {
                Commit(batch);
            }

            if (batch.Count > 0 || _time.GetElapsedTime(lastMaintenance) >= MaintenanceInterval)
            {
                Maintain();
                lastMaintenance = _time.GetTimestamp();
            }
        }

        Maintain();
    }

    private void Commit(List<PendingAppend> batch)
    {
        var keptError = CommitInto(_kept, batch);
        var droppableError = CommitInto(_droppable, batch);
        foreach (var pending in batch)
        {
            var error = pending.Class == QueueClass.Kept ? keptError : droppableError;
            if (error is null)
            {
                pending.Completion.TrySetResult(pending.Seq);
            }
            else
            {
                pending.Completion.TrySetException(new QueueUnavailableException($"the queue could not write to disk: {error.Message}", error));
            }
        }

        _dataAvailable.Set();
    }

    private Exception? CommitInto(SegmentLog log, List<PendingAppend> batch)
    {
        var any = false;
        try
        {
            foreach (var pending in batch)
            {
                if (pending.Class == log.Class)
                {
                    pending.Seq = log.Append(pending.Topic, pending.Payload.Span, pending.EnqueuedUnixMs);
                    any = true;
                }
            }

            if (any)
            {
                log.Commit();
            }

            return null;
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the writer goes on: these senders are told to retry, later ones get a fresh segment.
            log.AbandonUncommitted();
            Interlocked.Increment(ref _writeFailures);
            _alerts.Raise(LogLevel.Error, Source, $"writing to {log.Name}/ failed, its senders are told to retry: {ex.Message}");
            return ex;
        }
    }

    private void Maintain()
    {
        try
        {
            _kept.PersistAcknowledgements();
            _droppable.PersistAcknowledgements();
            EnforceBudget();
        }
        catch (Exception ex)
        {
            _alerts.Raise(LogLevel.Error, Source, $"queue housekeeping failed (retried shortly): {ex.Message}");
        }
    }

    private void EnforceBudget()
    {
        while (_kept.TotalBytes + _droppable.TotalBytes > _maxBytes)
        {
            if (_droppable.DropOldest(mayDropActive: true) is { } status)
            {
                if (status.Unsent > 0)
                {
                    Interlocked.Add(ref _droppedStatus, status.Unsent);
                    _alerts.Raise(LogLevel.Warning, Source,
                        $"disk budget of {Mib(_maxBytes)} (Edge:Queue:MaxBytes) reached: dropped {status.Unsent} unsent periodic status batches " +
                        $"queued {Local(status.From)} to {Local(status.To)}, oldest first; events, custody records and reports are kept");
                }

                continue;
            }

            if (_kept.DropOldest(mayDropActive: false) is { } kept)
            {
                if (kept.Unsent > 0)
                {
                    Interlocked.Add(ref _droppedKept, kept.Unsent);
                    _alerts.Raise(LogLevel.Critical, Source,
                        $"disk budget of {Mib(_maxBytes)} (Edge:Queue:MaxBytes) exhausted by events alone: dropped the {kept.Unsent} oldest unsent " +
                        $"events, custody records and reports, queued {Local(kept.From)} to {Local(kept.To)}");
                }

                continue;
            }

            break;
        }
    }

    private string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, _time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " MiB";
}
