using System.Buffers;
using System.Globalization;
using CommandCenter.Edge.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace CommandCenter.Edge.Queue;

/// <summary>
/// An append-only log of segment files in one directory, with its durable ack cursor. One writer
/// thread appends, commits (fsync), drops and deletes; one reader thread reads for publishing and
/// acknowledges. The lock guards the segment list and its metadata; readers never see bytes that
/// were not committed.
/// </summary>
internal sealed class SegmentLog : IDisposable
{
    private const string Source = "queue";
    private const int ReadChunk = 1024 * 1024;

    private readonly object _gate = new();
    private readonly List<Segment> _segments = [];
    private readonly List<RecordHeader> _uncommitted = [];
    private readonly string _directory;
    private readonly string _quarantine;
    private readonly long _segmentBytes;
    private readonly AgentAlerts _alerts;
    private readonly TimeProvider _time;
    private readonly AckCursor _cursor;
    private readonly byte[] _readBuffer = new byte[ReadChunk];

    private FileStream? _writer;
    private Segment? _active;
    private long _writtenLength;
    private long _nextSeq = 1;
    private long _ackedSeq;
    private long _persistedAckedSeq;

    private Segment? _readSegment;
    private long _readOffset;
    private long _skipThroughSeq;
    private SafeFileHandle? _readHandle;

    private SegmentLog(string directory, string quarantine, QueueClass queueClass, long segmentBytes, TimeProvider time, AgentAlerts alerts)
    {
        _directory = directory;
        _quarantine = quarantine;
        Class = queueClass;
        _segmentBytes = segmentBytes;
        _time = time;
        _alerts = alerts;
        _cursor = new AckCursor(Path.Combine(directory, "acked"));
    }

    public QueueClass Class { get; }

    public string Name => Path.GetFileName(_directory);

    public long TotalBytes
    {
        get
        {
            lock (_gate)
            {
                return _segments.Sum(s => s.Length);
            }
        }
    }

    /// <summary>Opens the log, cutting off a torn tail and salvaging damaged files into quarantine.</summary>
    public static SegmentLog Open(
        string directory, string quarantine, QueueClass queueClass, long segmentBytes, TimeProvider time, AgentAlerts alerts)
    {
        var log = new SegmentLog(directory, quarantine, queueClass, segmentBytes, time, alerts);
        log.Recover();
        return log;
    }

    /// <summary>Writes one record after the last; durable only after <see cref="Commit"/>.</summary>
    public long Append(ReadOnlySpan<byte> topic, ReadOnlySpan<byte> payload, long enqueuedUnixMs)
    {
        var size = RecordCodec.SizeOf(topic.Length, payload.Length);
        if (_writer is null || (_writtenLength > 0 && _writtenLength + size > _segmentBytes))
        {
            Roll();
        }

        var seq = _nextSeq++;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            RecordCodec.Write(buffer, seq, enqueuedUnixMs, topic, payload);
            _writer!.Write(buffer, 0, size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _writtenLength += size;
        _uncommitted.Add(new RecordHeader(seq, enqueuedUnixMs, topic.Length, size));
        return seq;
    }

    /// <summary>fsync, then lets readers see what was appended.</summary>
    public void Commit()
    {
        if (_writer is null || _uncommitted.Count == 0)
        {
            return;
        }

        _writer.Flush(flushToDisk: true);
        lock (_gate)
        {
            foreach (var header in _uncommitted)
            {
                _active!.Add(header);
            }

            _active!.Length = _writtenLength;
        }

        _uncommitted.Clear();
    }

    /// <summary>After a failed write: forgets what was not committed and starts a new segment with the next append.</summary>
    public void AbandonUncommitted()
    {
        var active = _active;
        try
        {
            _writer?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // The buffered bytes could not be written either; the truncation below removes whatever reached the file.
        }

        _writer = null;
        _uncommitted.Clear();
        if (active is null)
        {
            return;
        }

        try
        {
            using var stream = new FileStream(active.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            stream.SetLength(active.Length);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Recovery at the next start cuts off whatever is left after the committed records.
        }
    }

    /// <summary>Gives up the oldest segment to the disk budget; null when there is nothing to give.</summary>
    public DroppedSegment? DropOldest(bool mayDropActive)
    {
        Segment oldest;
        lock (_gate)
        {
            if (_segments.Count == 0)
            {
                return null;
            }

            oldest = _segments[0];
        }

        if (oldest == _active)
        {
            Commit();
            if (!mayDropActive || oldest.Records == 0)
            {
                return null;
            }

            Roll();
        }

        long unsent;
        lock (_gate)
        {
            _segments.Remove(oldest);
            unsent = oldest.PendingAfter(_ackedSeq);
        }

        File.Delete(oldest.Path);
        return new DroppedSegment(oldest.FileName, oldest.Records, unsent, oldest.Length,
            DateTimeOffset.FromUnixTimeMilliseconds(oldest.FirstEnqueuedUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(oldest.LastEnqueuedUnixMs));
    }

    /// <summary>Stores the ack cursor when it moved and deletes the segments it covers entirely.</summary>
    public void PersistAcknowledgements()
    {
        long acked;
        lock (_gate)
        {
            acked = _ackedSeq;
        }

        if (acked != _persistedAckedSeq)
        {
            _cursor.Write(acked);
            _persistedAckedSeq = acked;
        }

        List<Segment> done;
        lock (_gate)
        {
            done = _segments.Where(s => s != _active && (s.Records == 0 || s.LastSeq <= _persistedAckedSeq)).ToList();
            _segments.RemoveAll(done.Contains);
        }

        foreach (var segment in done)
        {
            File.Delete(segment.Path);
        }
    }

    /// <summary>Reader: start again after the last acknowledged record (after a reconnect).</summary>
    public void Rewind()
    {
        lock (_gate)
        {
            _skipThroughSeq = _ackedSeq;
            _readSegment = null;
            _readOffset = 0;
        }

        CloseReadHandle();
    }

    /// <summary>Reader: the next committed records in order, at most <paramref name="max"/>.</summary>
    public int Read(List<QueuedMessage> into, int max)
    {
        var added = 0;
        while (added < max)
        {
            Segment segment;
            long committed;
            Segment? following;
            lock (_gate)
            {
                if (_readSegment is null || !_segments.Contains(_readSegment))
                {
                    // First read, or the segment under the reader was dropped: go on with the next one.
                    var previous = _readSegment;
                    var next = _segments.FirstOrDefault(s => (previous is null || s.FirstSeq > previous.FirstSeq) && s.LastSeq > _skipThroughSeq);
                    if (next is null)
                    {
                        return added;
                    }

                    _readSegment = next;
                    _readOffset = 0;
                    CloseReadHandle();
                }

                segment = _readSegment;
                committed = segment.Length;
                var index = _segments.IndexOf(segment);
                following = segment != _active && index + 1 < _segments.Count ? _segments[index + 1] : null;
            }

            if (_readOffset >= committed)
            {
                if (following is null)
                {
                    return added;
                }

                lock (_gate)
                {
                    _readSegment = following;
                    _readOffset = 0;
                }

                CloseReadHandle();
                continue;
            }

            try
            {
                _readHandle ??= File.OpenHandle(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                continue; // dropped meanwhile: the check above moves on
            }

            added += ReadChunkInto(segment, committed, into, max - added);
        }

        return added;
    }

    /// <summary>Reader: everything at or below <paramref name="seq"/> has been PUBACKed.</summary>
    public void Acknowledge(long seq)
    {
        lock (_gate)
        {
            _ackedSeq = Math.Max(_ackedSeq, seq);
        }
    }

    public LogSnapshot Snapshot()
    {
        lock (_gate)
        {
            var oldest = _segments.FirstOrDefault(s => s.PendingAfter(_ackedSeq) > 0);
            return new LogSnapshot(
                _segments.Sum(s => s.PendingAfter(_ackedSeq)),
                _segments.Sum(s => s.Length),
                _segments.Count,
                _ackedSeq,
                _nextSeq,
                oldest is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(oldest.FirstEnqueuedUnixMs));
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        CloseReadHandle();
    }

    private int ReadChunkInto(Segment segment, long committed, List<QueuedMessage> into, int max)
    {
        var length = (int)Math.Min(_readBuffer.Length, committed - _readOffset);
        var read = RandomAccess.Read(_readHandle!, _readBuffer.AsSpan(0, length), _readOffset);
        var added = 0;
        var consumed = 0;
        while (added < max && consumed < read)
        {
            var status = RecordCodec.TryRead(_readBuffer.AsSpan(consumed, read - consumed), out var header);
            if (status == DecodeStatus.Ok)
            {
                if (header.Seq > _skipThroughSeq)
                {
                    into.Add(RecordCodec.Decode(_readBuffer.AsSpan(consumed), header, Class));
                    added++;
                }

                consumed += header.Size;
                continue;
            }

            if (status == DecodeStatus.Incomplete && _readOffset + read < committed)
            {
                break; // the chunk ends inside a record: the next call reads on from its start
            }

            consumed += SkipDamage(segment, _readOffset + consumed, committed);
            break;
        }

        _readOffset += consumed;
        return added;
    }

    /// <summary>Committed bytes that no longer read back (the disk changed under us): quarantine them, go on after them.</summary>
    private int SkipDamage(Segment segment, long offset, long committed)
    {
        var rest = new byte[committed - offset];
        RandomAccess.Read(_readHandle!, rest, offset);
        var next = RecordCodec.NextValidOffset(rest, 1);
        var saved = Quarantine(rest.AsSpan(0, next), $"{Name}-{segment.FileName}-{offset}");
        _alerts.Raise(LogLevel.Error, Source,
            $"{Name}/{segment.FileName}: {next} bytes at offset {offset} failed their CRC while being sent; kept as quarantine/{saved}, the records after them go on");
        return next;
    }

    private void Recover()
    {
        Directory.CreateDirectory(_directory);
        foreach (var temp in Directory.EnumerateFiles(_directory, "*.tmp"))
        {
            File.Delete(temp);
        }

        foreach (var salvage in Directory.EnumerateFiles(_directory, "*.seg.salvage"))
        {
            var target = salvage[..^".salvage".Length];
            if (File.Exists(target))
            {
                File.Delete(salvage);
            }
            else
            {
                File.Move(salvage, target);
            }
        }

        var acked = _cursor.Read();
        if (acked is null)
        {
            var saved = QuarantineFile(_cursor.Path, $"{Name}-acked");
            _alerts.Raise(LogLevel.Warning, Source,
                $"{Name}: the ack cursor was damaged (kept as quarantine/{saved}); every queued record is sent again, msgIds make that harmless");
        }

        _ackedSeq = _persistedAckedSeq = _skipThroughSeq = acked ?? 0;
        var files = Directory.EnumerateFiles(_directory, "*.seg").Order(StringComparer.Ordinal).ToList();
        var highestName = 0L;
        for (var i = 0; i < files.Count; i++)
        {
            var path = files[i];
            if (!long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var firstSeq))
            {
                var saved = QuarantineFile(path, $"{Name}-{Path.GetFileName(path)}");
                _alerts.Raise(LogLevel.Warning, Source, $"{Name}: {Path.GetFileName(path)} is not a segment name; moved to quarantine/{saved}");
                continue;
            }

            highestName = Math.Max(highestName, firstSeq);
            var segment = RecoverSegment(path, firstSeq, isLast: i == files.Count - 1);
            if (segment.Records == 0)
            {
                File.Delete(path);
                continue;
            }

            _segments.Add(segment);
        }

        _nextSeq = Math.Max(Math.Max(_ackedSeq, highestName), _segments.Count > 0 ? _segments.Max(s => s.LastSeq) : 0) + 1;
        PersistAcknowledgements();
        DurableFiles.SyncDirectory(_directory);
    }

    private Segment RecoverSegment(string path, long firstSeq, bool isLast)
    {
        var data = File.ReadAllBytes(path);
        var segment = new Segment(path, firstSeq);
        var valid = new List<(int Offset, RecordHeader Header)>();
        var damage = new List<(int Offset, int Length)>();
        var offset = 0;
        while (offset < data.Length)
        {
            if (RecordCodec.TryRead(data.AsSpan(offset), out var header) == DecodeStatus.Ok)
            {
                valid.Add((offset, header));
                offset += header.Size;
                continue;
            }

            var next = RecordCodec.NextValidOffset(data, offset + 1);
            damage.Add((offset, next - offset));
            offset = next;
        }

        if (damage.Count > 0)
        {
            var (at, length) = damage[0];
            if (isLast && damage.Count == 1 && at + length == data.Length)
            {
                // A write cut short by a crash or power cut: those records were never acknowledged to their sender.
                var saved = Quarantine(data.AsSpan(at, length), $"{Name}-{segment.FileName}-tail-{at}");
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
                {
                    stream.SetLength(at);
                    stream.Flush(flushToDisk: true);
                }

                _alerts.Raise(LogLevel.Warning, Source,
                    $"{Name}/{segment.FileName}: an interrupted write left {length} bytes at the end; cut off (never acknowledged to their sender), kept as quarantine/{saved}");
            }
            else
            {
                var saved = Salvage(path, data, valid, $"{Name}-{segment.FileName}");
                var where = string.Join(", ", damage.Select(d => $"{d.Length} bytes at {d.Offset}"));
                _alerts.Raise(LogLevel.Error, Source,
                    $"{Name}/{segment.FileName}: damaged records ({where}) failed their CRC; the file was moved to quarantine/{saved} and its {valid.Count} intact records kept");
            }
        }

        foreach (var (_, header) in valid)
        {
            segment.Add(header);
        }

        segment.Length = valid.Sum(v => (long)v.Header.Size);
        return segment;
    }

    /// <summary>Rewrites a damaged file with its intact records; the original goes to quarantine. Safe against a crash at any step.</summary>
    private string Salvage(string path, byte[] data, List<(int Offset, RecordHeader Header)> valid, string quarantineName)
    {
        var salvage = path + ".salvage";
        using (var stream = new FileStream(salvage, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var (offset, header) in valid)
            {
                stream.Write(data, offset, header.Size);
            }

            stream.Flush(flushToDisk: true);
        }

        var saved = QuarantineFile(path, quarantineName);
        File.Move(salvage, path);
        DurableFiles.SyncDirectory(_directory);
        return saved;
    }

    private string Quarantine(ReadOnlySpan<byte> bytes, string name)
    {
        Directory.CreateDirectory(_quarantine);
        var file = UniqueQuarantineName(name);
        using (var stream = new FileStream(Path.Combine(_quarantine, file), FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        return file;
    }

    private string QuarantineFile(string path, string name)
    {
        Directory.CreateDirectory(_quarantine);
        var file = UniqueQuarantineName(name);
        File.Move(path, Path.Combine(_quarantine, file));
        DurableFiles.SyncDirectory(_quarantine);
        return file;
    }

    private string UniqueQuarantineName(string name)
    {
        var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var file = $"{name}.{stamp}.bad";
        for (var n = 2; File.Exists(Path.Combine(_quarantine, file)); n++)
        {
            file = $"{name}.{stamp}-{n}.bad";
        }

        return file;
    }

    private void Roll()
    {
        Commit();
        _writer?.Dispose();
        var segment = new Segment(Path.Combine(_directory, Segment.NameFor(_nextSeq)), _nextSeq);
        _writer = new FileStream(segment.Path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        DurableFiles.SyncDirectory(_directory);
        _writtenLength = 0;
        lock (_gate)
        {
            _segments.Add(segment);
            _active = segment;
        }
    }

    private void CloseReadHandle()
    {
        _readHandle?.Dispose();
        _readHandle = null;
    }
}
