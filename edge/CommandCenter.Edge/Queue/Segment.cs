namespace CommandCenter.Edge.Queue;

/// <summary>One segment file of a log. Mutable metadata, guarded by the log's lock; <see cref="Length"/> counts committed bytes only.</summary>
internal sealed class Segment(string path, long firstSeq)
{
    public string Path { get; } = path;

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The seq the file is named after; its records have this seq or later ones.</summary>
    public long FirstSeq { get; } = firstSeq;

    public long Length { get; set; }

    public long LastSeq { get; set; }

    public int Records { get; set; }

    public long FirstEnqueuedUnixMs { get; set; }

    public long LastEnqueuedUnixMs { get; set; }

    public static string NameFor(long firstSeq) => firstSeq.ToString("D16", System.Globalization.CultureInfo.InvariantCulture) + ".seg";

    public void Add(RecordHeader header)
    {
        if (Records == 0)
        {
            FirstEnqueuedUnixMs = header.EnqueuedUnixMs;
        }

        Records++;
        LastSeq = Math.Max(LastSeq, header.Seq);
        LastEnqueuedUnixMs = header.EnqueuedUnixMs;
    }

    /// <summary>Records with a seq above <paramref name="ackedSeq"/> (exact while seqs in the file are contiguous).</summary>
    public long PendingAfter(long ackedSeq)
    {
        if (Records == 0 || LastSeq <= ackedSeq)
        {
            return 0;
        }

        var firstRecordSeq = LastSeq - Records + 1;
        return ackedSeq < firstRecordSeq ? Records : LastSeq - ackedSeq;
    }
}
