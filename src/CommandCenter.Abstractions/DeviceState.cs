namespace CommandCenter.Abstractions;

/// <summary>What the map shows for one device.</summary>
[GenerateSerializer]
public enum DeviceState
{
    /// <summary>Listed by the agent, never reported.</summary>
    Unknown = 0,
    /// <summary>Reporting and healthy.</summary>
    Ok = 1,
    /// <summary>Reporting a problem (or an event said so).</summary>
    Fault = 2,
    /// <summary>Missed too many status intervals.</summary>
    Offline = 3,
}
