namespace CommandCenter.Edge.Devices;

/// <summary>One device on the status page; <see cref="LastStatus"/> and <see cref="LastEvent"/> are the JSON data as sent.</summary>
public sealed record DeviceView(
    string Id, string Kind, string? Room, string Adapter, DateTimeOffset? LastSeen,
    string? LastStatus, DateTimeOffset? LastStatusTs, string? LastEvent, DateTimeOffset? LastEventTs, long Statuses, long Events);
