namespace CommandCenter.Video.Recording;

/// <summary>
/// Keeps recordings within their age and disk budget: first everything older than the retention
/// age goes, then the oldest segments across all cameras until the total fits. The newest segment
/// of each camera is never deleted (a recorder may be writing it).
/// </summary>
public static class RetentionSweep
{
    public sealed record Result(int Deleted, long FreedBytes, long RemainingBytes, IReadOnlyList<string> DeletedFiles);

    public static Result Run(SegmentStore store, DateTimeOffset now, TimeSpan maxAge, long budgetBytes)
    {
        var all = store.All();
        var newest = all.GroupBy(s => s.CameraId).Select(g => g.Last().Path).ToHashSet(StringComparer.Ordinal);
        var total = all.Sum(s => s.Bytes);
        var deleted = new List<string>();
        long freed = 0;
        foreach (var segment in all)
        {
            if (newest.Contains(segment.Path))
            {
                continue;
            }

            var tooOld = now - segment.Start > maxAge;
            if (!tooOld && total <= budgetBytes)
            {
                break;
            }

            if (TryDelete(segment.Path))
            {
                total -= segment.Bytes;
                freed += segment.Bytes;
                deleted.Add(segment.Path);
            }
        }

        return new Result(deleted.Count, freed, total, deleted);
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
