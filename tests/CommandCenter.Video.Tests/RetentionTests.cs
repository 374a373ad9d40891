using CommandCenter.Video.Recording;

namespace CommandCenter.Video.Tests;

public sealed class RetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-08T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cc-retention-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string camera, DateTimeOffset start, int bytes)
    {
        var folder = Path.Combine(_root, camera);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Segment.FileName(start));
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }

    [Fact]
    public void over_the_disk_budget_the_oldest_segments_across_cameras_go_first()
    {
        var a1 = Write("43010201.cam-a", Now.AddMinutes(-50), 100);
        var b1 = Write("43010201.cam-b", Now.AddMinutes(-40), 100);
        var a2 = Write("43010201.cam-a", Now.AddMinutes(-30), 100);
        var b2 = Write("43010201.cam-b", Now.AddMinutes(-20), 100);
        var a3 = Write("43010201.cam-a", Now.AddMinutes(-10), 100);
        var b3 = Write("43010201.cam-b", Now.AddMinutes(-5), 100);

        var result = RetentionSweep.Run(new SegmentStore(_root), Now, TimeSpan.FromDays(183), budgetBytes: 350);

        Assert.Equal([a1, b1, a2], result.DeletedFiles);
        Assert.Equal(300, result.RemainingBytes);
        Assert.All(new[] { b2, a3, b3 }, p => Assert.True(File.Exists(p)));
    }

    [Fact]
    public void segments_older_than_the_retention_age_go_even_within_budget_but_never_a_cameras_newest()
    {
        var old = Write("43010201.cam-c", Now.AddDays(-200), 10);
        var lastOfD = Write("43010201.cam-d", Now.AddDays(-190), 10);
        var recent = Write("43010201.cam-c", Now.AddDays(-1), 10);

        var result = RetentionSweep.Run(new SegmentStore(_root), Now, TimeSpan.FromDays(183), budgetBytes: 1_000_000);

        Assert.Equal([old], result.DeletedFiles);
        Assert.True(File.Exists(lastOfD));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public void a_time_range_finds_the_segments_that_overlap_it()
    {
        Write("43010201.cam-e", Now.AddSeconds(-30), 1);
        var middle = Write("43010201.cam-e", Now.AddSeconds(-20), 1);
        var last = Write("43010201.cam-e", Now.AddSeconds(-10), 1);

        var found = new SegmentStore(_root).Between("43010201.cam-e", Now.AddSeconds(-15), Now.AddSeconds(-5), TimeSpan.FromSeconds(10));

        Assert.Equal([middle, last], found.Select(s => s.Path));
    }
}
