using CommandCenter.Video.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Video.Live;

/// <summary>
/// The live feeds of this server: started when the first viewer of a camera arrives, shared by all
/// its viewers, stopped a little after the last leaves, and never more than <c>MaxLiveFeeds</c>.
/// </summary>
public sealed class LiveFeeds(IOptions<VideoOptions> options, FfmpegProcessTable table, TimeProvider time, ILogger<LiveFeeds> logger)
    : IAsyncDisposable
{
    private readonly VideoOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LiveFeed> _feeds = new(StringComparer.Ordinal);
    private readonly Dictionary<LiveFeed, CancellationTokenSource> _idle = [];

    public IReadOnlyList<LiveFeed> Running
    {
        get
        {
            lock (_gate)
            {
                return [.. _feeds.Values];
            }
        }
    }

    public int Capacity => _options.MaxLiveFeeds;

    /// <summary>Joins the camera's feed, starting it when needed.</summary>
    public async Task<LiveViewer> Watch(string cameraId, string url, CancellationToken cancellationToken)
    {
        LiveFeed feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(cameraId, out feed!) || feed.EndReason is not null)
            {
                if (_feeds.Count(f => f.Value.EndReason is null) >= _options.MaxLiveFeeds)
                {
                    throw new LiveFeedException(
                        $"this server runs at most {_options.MaxLiveFeeds} live feeds and all are in use; close a view first", capacity: true);
                }

                feed = new LiveFeed(cameraId, url, _options, table, time, OnIdle, OnEnded);
                _feeds[cameraId] = feed;
                logger.LogInformation("Live feed for {Camera} started (ffmpeg {Pid})", cameraId, feed.Pid);
            }

            if (_idle.Remove(feed, out var pending))
            {
                pending.Cancel();
                pending.Dispose();
            }
        }

        try
        {
            return await feed.Join(_options.LiveStartTimeout, cancellationToken);
        }
        catch
        {
            if (feed.ViewerCount == 0)
            {
                OnIdle(feed);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var feed in Running)
        {
            await feed.Stop();
        }
    }

    private void OnIdle(LiveFeed feed)
    {
        var cancel = new CancellationTokenSource();
        lock (_gate)
        {
            if (_idle.Remove(feed, out var previous))
            {
                previous.Cancel();
                previous.Dispose();
            }

            _idle[feed] = cancel;
        }

        _ = StopWhenStillIdle(feed, cancel.Token);
    }

    private async Task StopWhenStillIdle(LiveFeed feed, CancellationToken cancelled)
    {
        try
        {
            await Task.Delay(_options.LiveIdleStop, time, cancelled);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            if (feed.ViewerCount > 0)
            {
                return;
            }

            _idle.Remove(feed);
            if (_feeds.TryGetValue(feed.CameraId, out var current) && current == feed)
            {
                _feeds.Remove(feed.CameraId);
            }
        }

        await feed.Stop();
        logger.LogInformation("Live feed for {Camera} stopped: nobody watches", feed.CameraId);
    }

    private void OnEnded(LiveFeed feed)
    {
        lock (_gate)
        {
            if (_feeds.TryGetValue(feed.CameraId, out var current) && current == feed)
            {
                _feeds.Remove(feed.CameraId);
            }

            if (_idle.Remove(feed, out var pending))
            {
                pending.Cancel();
                pending.Dispose();
            }
        }

        if (feed.EndReason is { } reason && !reason.StartsWith("stopped", StringComparison.Ordinal))
        {
            logger.LogWarning("Live feed for {Camera} ended: {Reason}", feed.CameraId, reason);
        }
    }
}
