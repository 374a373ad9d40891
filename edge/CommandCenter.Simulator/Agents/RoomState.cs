namespace CommandCenter.Simulator.Agents;

/// <summary>The mutable device state of one room; only its site's pump touches it.</summary>
internal sealed class RoomState
{
    public int ClockJitterMs { get; set; }

    public DateTimeOffset ClockDriftSince { get; set; }

    public DateTimeOffset ClockDriftUntil { get; set; }

    public int ClockDriftTargetMs { get; set; }

    public DateTimeOffset JammerFaultUntil { get; set; }

    public DateTimeOffset CameraOfflineUntil { get; set; }

    /// <summary>Where in its drain cycle the metal detector battery started, in percent points.</summary>
    public int BatteryPhase { get; set; }

    /// <summary>Zero-based seat the identity reader checks next.</summary>
    public int NextSeat { get; set; }

    /// <summary>Completed passes over all the room's candidates.</summary>
    public int VerifyCycles { get; set; }
}
