namespace CommandCenter.Grains.Tests;

/// <summary>A clock the tests move by hand (timers are not driven by it; sweeps are called directly).</summary>
public sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.Parse("2026-06-07T07:30:00+08:00");

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}
