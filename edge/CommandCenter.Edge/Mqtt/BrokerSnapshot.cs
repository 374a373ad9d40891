namespace CommandCenter.Edge.Mqtt;

/// <summary>The link to the center as the status page shows it.</summary>
public sealed record BrokerSnapshot(
    string Broker,
    bool Connected,
    DateTimeOffset? Since,
    DateTimeOffset? LastPuback,
    long Published,
    long Refused,
    int FailedAttempts,
    DateTimeOffset? NextAttempt,
    string? LastError);
