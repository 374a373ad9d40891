using System.Buffers;
using System.Threading.Channels;
using CommandCenter.Abstractions;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Hosting;
using CommandCenter.Server.Video;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Ingest;

/// <summary>
/// From raw MQTT messages to the grain router: rate limit per site, parse, count rejections,
/// drop duplicates, map. Messages are partitioned by site over the workers, so one site's
/// messages stay in order and its de-duplication window needs no lock.
/// </summary>
public sealed class IngestPipeline : BackgroundService
{
    private readonly Channel<RawMessage>[] _partitions;
    private readonly EdgeMessageParser _parser;
    private readonly SiteRateLimiter _rateLimiter;
    private readonly Lock _rateGate = new();
    private readonly DeviceUpdateMapper _mapper;
    private readonly GrainRouter _router;
    private readonly IngestStats _stats;
    private readonly IngestOptions _options;
    private readonly TimeProvider _time;
    private readonly EdgeCameraFeed? _cameras;

    public IngestPipeline(GrainRouter router, IngestStats stats, IOptions<IngestOptions> options, TimeProvider time, EdgeCameraFeed? cameras = null)
    {
        _router = router;
        _cameras = cameras;
        _stats = stats;
        _options = options.Value;
        _time = time;
        _parser = new EdgeMessageParser(
            new EdgeParserOptions { MaxPayloadBytes = _options.MaxPayloadBytes, MaxFutureSkew = _options.MaxFutureSkew }, time);
        _rateLimiter = new SiteRateLimiter(_options.PerSiteMessagesPerSecond, _options.PerSiteBurst, time);
        _mapper = new DeviceUpdateMapper(_options);
        var workers = _options.Workers > 0 ? _options.Workers : Environment.ProcessorCount;
        var capacity = Math.Max(1, _options.QueueCapacity / workers);
        _partitions = Enumerable.Range(0, workers)
            .Select(_ => Channel.CreateBounded<RawMessage>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            }))
            .ToArray();
        stats.ObserveBacklog(() => new IngestBacklog(_partitions.Sum(p => p.Reader.Count), _router.PendingItems, _router.CallsInFlight));
    }

    /// <summary>
    /// Takes one message from the broker. Waits when the queue is full, which holds back the MQTT
    /// client and so the broker: overload slows sites down instead of losing their messages.
    /// </summary>
    public ValueTask Enqueue(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken) =>
        Enqueue(topic, payload, DeliveryAck.None(), cancellationToken);

    /// <summary>As above; <paramref name="ack"/> is released once the message's grains have taken it (or it was refused).</summary>
    public async ValueTask Enqueue(string topic, ReadOnlySequence<byte> payload, DeliveryAck ack, CancellationToken cancellationToken)
    {
        _stats.RecordMessage();
        var siteId = SiteSegment(topic);
        if (siteId is not null)
        {
            bool allowed;
            lock (_rateGate)
            {
                allowed = _rateLimiter.TryTake(siteId);
            }

            if (!allowed)
            {
                _stats.RecordRejection(siteId, RejectReason.RateLimited);
                ack.Release();
                return;
            }
        }

        // Oversized payloads are refused from their length alone: nothing is copied or parsed.
        if (payload.Length > _options.MaxPayloadBytes)
        {
            _stats.RecordRejection(siteId, RejectReason.TooLarge);
            ack.Release();
            return;
        }

        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        payload.CopyTo(buffer);
        var message = new RawMessage(topic, buffer, length, _time.GetUtcNow(), ack);
        var partition = _partitions[(int)((uint)(siteId ?? topic).GetHashCode() % (uint)_partitions.Length)];
        await partition.Writer.WriteAsync(message, cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_partitions.Select(p => Task.Run(() => Work(p.Reader, stoppingToken), stoppingToken))
            .Append(Task.Run(() => _router.RunAsync(stoppingToken), stoppingToken)));

    private async Task Work(ChannelReader<RawMessage> reader, CancellationToken cancellationToken)
    {
        var windows = new Dictionary<string, MsgIdWindow>(StringComparer.Ordinal);
        try
        {
            await foreach (var message in reader.ReadAllAsync(cancellationToken))
            {
                while (_router.PendingItems > _options.QueueCapacity)
                {
                    await Task.Delay(2, cancellationToken);
                }

                try
                {
                    Process(message, windows);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(message.Buffer);
                    message.Ack.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Process(RawMessage raw, Dictionary<string, MsgIdWindow> windows)
    {
        var result = _parser.Parse(raw.Topic, raw.Buffer.AsMemory(0, raw.Length));
        var siteId = result.Topic?.SiteId;
        foreach (var rejection in result.Rejections)
        {
            _stats.RecordRejection(siteId, rejection.Reason);
        }

        if (result.Message is not { } message)
        {
            return;
        }

        if (!windows.TryGetValue(message.SiteId, out var window))
        {
            window = new MsgIdWindow(_options.DedupWindowPerSite);
            windows[message.SiteId] = window;
        }

        switch (message)
        {
            case DeviceMessage devices:
                var fresh = new List<DeviceUpdate>(devices.Readings.Count);
                foreach (var reading in devices.Readings)
                {
                    if (window.Add(reading.MsgId))
                    {
                        fresh.Add(_mapper.Map(reading, raw.ReceivedAt));
                        _cameras?.Observe(message.SiteId, reading);
                    }
                }

                _stats.RecordDuplicates(message.SiteId, devices.Readings.Count - fresh.Count);
                if (fresh.Count > 0)
                {
                    _router.Add(message.SiteId, fresh, raw.Ack);
                }

                break;
            case PresenceMessage:
                _router.Add(message, raw.Ack);
                break;
            default:
                if (window.Add(MsgIdOf(message)))
                {
                    _router.Add(message, raw.Ack);
                }
                else
                {
                    _stats.RecordDuplicates(message.SiteId, 1);
                }

                break;
        }
    }

    private static string MsgIdOf(EdgeMessage message) => message switch
    {
        CustodyMessage c => c.MsgId,
        ReportMessage r => r.MsgId,
        CommandAckMessage a => "ack:" + a.MsgId,
        _ => throw new ArgumentOutOfRangeException(nameof(message)),
    };

    /// <summary>The site segment of a v1 topic, if it looks like a site id; cheap, no allocation for others.</summary>
    private static string? SiteSegment(string topic)
    {
        if (!topic.StartsWith(EdgeTopics.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = topic.AsSpan(EdgeTopics.Prefix.Length);
        var slash = rest.IndexOf('/');
        var segment = slash < 0 ? rest : rest[..slash];
        return Identifiers.IsSiteId(segment) ? segment.ToString() : null;
    }

    private sealed record RawMessage(string Topic, byte[] Buffer, int Length, DateTimeOffset ReceivedAt, DeliveryAck Ack);
}
