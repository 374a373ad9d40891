namespace CommandCenter.Simulator;

/// <summary>
/// Independent deterministic random streams keyed by name, so that adding a site or a room
/// does not shift the numbers every other site draws.
/// </summary>
internal static class SeededRandom
{
    public static Random For(int seed, string key)
    {
        // FNV-1a: string.GetHashCode is randomised per process.
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new Random((int)(hash & 0x7FFFFFFF));
    }

    public static double Between(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    public static TimeSpan Between(this Random random, TimeSpan min, TimeSpan max) =>
        TimeSpan.FromMilliseconds(random.Between(min.TotalMilliseconds, max.TotalMilliseconds));
}
