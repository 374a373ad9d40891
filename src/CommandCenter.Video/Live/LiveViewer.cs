using System.Threading.Channels;

namespace CommandCenter.Video.Live;

/// <summary>
/// One browser watching a live feed: the init segment, then fragments as they come. A viewer that
/// falls more than a few fragments behind is cut off (it reconnects at the live edge) so a slow
/// client never holds memory or slows the others.
/// </summary>
public sealed class LiveViewer : IAsyncDisposable
{
    private const int MaxQueuedFragments = 8;
    private readonly Channel<byte[]> _fragments = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueuedFragments)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly LiveFeed _feed;

    internal LiveViewer(LiveFeed feed, byte[] init, string codec)
    {
        _feed = feed;
        Init = init;
        Codec = codec;
    }

    public byte[] Init { get; }

    /// <summary>The MSE codec string, e.g. <c>avc1.42c01e</c>.</summary>
    public string Codec { get; }

    /// <summary>Why the feed ended for this viewer, once it has.</summary>
    public string? EndReason { get; private set; }

    public IAsyncEnumerable<byte[]> Fragments(CancellationToken cancellationToken) => _fragments.Reader.ReadAllAsync(cancellationToken);

    internal void Offer(byte[] fragment)
    {
        if (!_fragments.Writer.TryWrite(fragment))
        {
            End("too slow: fell behind the live edge");
        }
    }

    internal void End(string reason)
    {
        EndReason ??= reason;
        _fragments.Writer.TryComplete();
    }

    public ValueTask DisposeAsync()
    {
        _fragments.Writer.TryComplete();
        _feed.Leave(this);
        return ValueTask.CompletedTask;
    }
}
