namespace CommandCenter.Grains;

/// <summary>How grains batch what they push (bound from section "Push").</summary>
public sealed class PushOptions
{
    /// <summary>Changes are gathered and pushed at most once per interval (4 per second by default).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>An observer that does not renew its subscription within this time is dropped.</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How often a silo renews its subscriptions. Short on purpose: a grain that was deactivated and
    /// came back (storage conflict, failover) has lost its observers, and a renewal is what reconnects
    /// the screens watching it. One call per watched grain per interval.
    /// </summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(5);
}
