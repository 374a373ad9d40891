using CommandCenter.Simulator.Model;

namespace CommandCenter.Simulator.Agents;

/// <summary>
/// The device state of one site and how it evolves: clock jitter, battery drain, identity checks,
/// faults and their healing. Deterministic for a given seed and sequence of calls.
/// Not thread-safe: one site agent's pump owns it.
/// </summary>
internal sealed class SiteState
{
    public const int ClockJitterLimitMs = 50;
    public const string JammerFaultDetail = "antenna";
    private const int BatteryFull = 100;
    private const int BatteryLow = 20;
    private const double StoppedEventChance = 0.25;
    private static readonly TimeSpan BatteryDrainPerPoint = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ClockDriftRamp = TimeSpan.FromSeconds(10);

    private readonly Random _random;
    private readonly DateTimeOffset _epoch;

    public SiteState(SimSite site, int seed, DateTimeOffset epoch)
    {
        Site = site;
        _epoch = epoch;
        _random = SeededRandom.For(seed, "site/" + site.SiteId);
        Rooms = new RoomState[site.Rooms.Count];
        for (var i = 0; i < Rooms.Length; i++)
        {
            Rooms[i] = new RoomState
            {
                ClockJitterMs = _random.Next(-20, 21),
                BatteryPhase = _random.Next(0, BatteryFull - BatteryLow + 1),
            };
        }
    }

    public SimSite Site { get; }

    public RoomState[] Rooms { get; }

    /// <summary>Offset and sync of a room clock; a drifting clock climbs to its target within seconds.</summary>
    public (long OffsetMs, bool Synced) ClockOf(int room, DateTimeOffset now)
    {
        var state = Rooms[room];
        if (now < state.ClockDriftUntil)
        {
            var ramp = Math.Clamp((now - state.ClockDriftSince) / ClockDriftRamp, 0, 1);
            return ((long)(state.ClockDriftTargetMs * (0.5 + (0.5 * ramp))), false);
        }

        state.ClockJitterMs = Math.Clamp(state.ClockJitterMs + _random.Next(-8, 9), -ClockJitterLimitMs, ClockJitterLimitMs);
        return (state.ClockJitterMs, true);
    }

    public string? JammerFaultOf(int room, DateTimeOffset now) => now < Rooms[room].JammerFaultUntil ? JammerFaultDetail : null;

    public bool CameraOnline(int room, DateTimeOffset now) => now >= Rooms[room].CameraOfflineUntil;

    /// <summary>Drains one point every 90 s from 100 to 20, then the detector is recharged to 100.</summary>
    public int BatteryOf(int room, DateTimeOffset now)
    {
        var drained = (long)((now - _epoch) / BatteryDrainPerPoint) + Rooms[room].BatteryPhase;
        return BatteryFull - (int)(Math.Abs(drained) % (BatteryFull - BatteryLow + 1));
    }

    /// <summary>Checks the room's next candidate; after the last seat the next pass starts over with the same tickets.</summary>
    public Verification NextVerification(int room)
    {
        var state = Rooms[room];
        var simRoom = Site.Rooms[room];
        var ticket = AdmissionTickets.For(Site.SiteId, simRoom.Room, state.NextSeat + 1);
        state.NextSeat++;
        if (state.NextSeat >= simRoom.Candidates)
        {
            state.NextSeat = 0;
            state.VerifyCycles++;
        }

        var draw = _random.NextDouble();
        return draw switch
        {
            < 0.985 => new Verification(ticket, "match", Math.Round(_random.Between(0.86, 0.995), 3)),
            < 0.991 => new Verification(ticket, "mismatch", Math.Round(_random.Between(0.15, 0.55), 3)),
            < 0.9955 => new Verification(ticket, "unregistered", null),
            _ => new Verification(ticket, "unreadable", null),
        };
    }

    /// <summary>Puts a room device into a fault until <paramref name="now"/> + <paramref name="duration"/>; returns the events it reports.</summary>
    public IReadOnlyList<DeviceEvent> ApplyFault(FaultKind kind, int room, DateTimeOffset now, TimeSpan duration)
    {
        var state = Rooms[room];
        var simRoom = Site.Rooms[room];
        switch (kind)
        {
            case FaultKind.JammerFault:
                state.JammerFaultUntil = now + duration;
                return [new DeviceEvent(simRoom.Jammer, "fault", JammerFaultDetail)];

            case FaultKind.ClockDrift:
                state.ClockDriftSince = now;
                state.ClockDriftUntil = now + duration;
                state.ClockDriftTargetMs = _random.Next(2000, 5001) * (_random.Next(2) == 0 ? 1 : -1);
                return _random.NextDouble() < StoppedEventChance ? [new DeviceEvent(simRoom.Clock, "stopped")] : [];

            case FaultKind.CameraOffline:
                state.CameraOfflineUntil = now + duration;
                return [new DeviceEvent(simRoom.Camera, "offline")];

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a device fault");
        }
    }
}
