using System.Globalization;

namespace CommandCenter.Simulator.Payloads;

/// <summary>
/// msgIds unique per site: a run stamp and a counter. The stamp keeps a restarted simulation
/// (same seed) from repeating ids that the center would drop as duplicates.
/// </summary>
public sealed class MessageIdSource(long runStamp)
{
    private readonly string _prefix = runStamp.ToString("x", CultureInfo.InvariantCulture) + "-";
    private long _counter;

    public static long NewRunStamp(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Writes the next id into <paramref name="destination"/> (at least 64 chars) and returns its length.</summary>
    public int Next(Span<char> destination)
    {
        var value = Interlocked.Increment(ref _counter);
        _prefix.CopyTo(destination);
        value.TryFormat(destination[_prefix.Length..], out var written, "x", CultureInfo.InvariantCulture);
        return _prefix.Length + written;
    }

    public string Next()
    {
        Span<char> buffer = stackalloc char[64];
        return new string(buffer[..Next(buffer)]);
    }
}
