namespace CommandCenter.Video.Recording;

/// <summary>The recording folders on disk: which segments exist, per camera and overall.</summary>
public sealed class SegmentStore(string root)
{
    public string Root => root;

    public string FolderOf(string cameraId) => Path.Combine(root, cameraId);

    /// <summary>A camera's segments, oldest first.</summary>
    public IReadOnlyList<Segment> Of(string cameraId) => Read(cameraId, FolderOf(cameraId));

    /// <summary>Every segment of every camera, oldest first.</summary>
    public IReadOnlyList<Segment> All() =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).SelectMany(d => Read(Path.GetFileName(d), d)).OrderBy(s => s.Start).ThenBy(s => s.Path, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The segments covering <paramref name="from"/>–<paramref name="to"/> (a segment runs until the next starts).</summary>
    public IReadOnlyList<Segment> Between(string cameraId, DateTimeOffset from, DateTimeOffset to, TimeSpan segmentLength)
    {
        var all = Of(cameraId);
        var result = new List<Segment>();
        for (var i = 0; i < all.Count; i++)
        {
            var end = i + 1 < all.Count ? all[i + 1].Start : all[i].Start + segmentLength;
            if (all[i].Start < to && end > from)
            {
                result.Add(all[i]);
            }
        }

        return result;
    }

    private static List<Segment> Read(string cameraId, string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var segments = new List<Segment>();
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.ts"))
        {
            if (Segment.StartOf(file.Name) is { } start)
            {
                segments.Add(new Segment(cameraId, file.FullName, start, file.Length));
            }
        }

        segments.Sort((a, b) => a.Start.CompareTo(b.Start));
        return segments;
    }
}
