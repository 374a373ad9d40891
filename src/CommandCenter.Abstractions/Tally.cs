namespace CommandCenter.Abstractions;

/// <summary>
/// Roll-up counts at any level. Parents keep each child's last tally and add the difference,
/// so totals stay exact without scanning and a repeated report changes nothing.
/// Candidate flow (考生流): expected from the plan, present = verified by identity check in the current
/// session, absent = expected − present once entry has closed. <see cref="AlarmsOpen"/> counts unclosed alarms.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct Tally(
    [property: Id(0)] int SitesTotal,
    [property: Id(1)] int SitesOnline,
    [property: Id(2)] int RoomsTotal,
    [property: Id(3)] int RoomsAllOk,
    [property: Id(4)] int DevicesOk,
    [property: Id(5)] int DevicesFault,
    [property: Id(6)] int DevicesOffline,
    [property: Id(7)] int DevicesUnknown,
    [property: Id(8)] int CandidatesVerified,
    [property: Id(9)] int IdRejected,
    [property: Id(10)] int CandidatesExpected = 0,
    [property: Id(11)] int CandidatesPresent = 0,
    [property: Id(12)] int CandidatesAbsent = 0,
    [property: Id(13)] int AlarmsOpen = 0)
{
    public int DevicesTotal => DevicesOk + DevicesFault + DevicesOffline + DevicesUnknown;

    public static Tally operator +(Tally a, Tally b) => new(
        a.SitesTotal + b.SitesTotal, a.SitesOnline + b.SitesOnline, a.RoomsTotal + b.RoomsTotal,
        a.RoomsAllOk + b.RoomsAllOk, a.DevicesOk + b.DevicesOk, a.DevicesFault + b.DevicesFault,
        a.DevicesOffline + b.DevicesOffline, a.DevicesUnknown + b.DevicesUnknown,
        a.CandidatesVerified + b.CandidatesVerified, a.IdRejected + b.IdRejected,
        a.CandidatesExpected + b.CandidatesExpected, a.CandidatesPresent + b.CandidatesPresent,
        a.CandidatesAbsent + b.CandidatesAbsent, a.AlarmsOpen + b.AlarmsOpen);

    public static Tally operator -(Tally a, Tally b) => new(
        a.SitesTotal - b.SitesTotal, a.SitesOnline - b.SitesOnline, a.RoomsTotal - b.RoomsTotal,
        a.RoomsAllOk - b.RoomsAllOk, a.DevicesOk - b.DevicesOk, a.DevicesFault - b.DevicesFault,
        a.DevicesOffline - b.DevicesOffline, a.DevicesUnknown - b.DevicesUnknown,
        a.CandidatesVerified - b.CandidatesVerified, a.IdRejected - b.IdRejected,
        a.CandidatesExpected - b.CandidatesExpected, a.CandidatesPresent - b.CandidatesPresent,
        a.CandidatesAbsent - b.CandidatesAbsent, a.AlarmsOpen - b.AlarmsOpen);

    /// <summary>One device in <paramref name="state"/>.</summary>
    public static Tally OneDevice(DeviceState state) => state switch
    {
        DeviceState.Ok => new Tally { DevicesOk = 1 },
        DeviceState.Fault => new Tally { DevicesFault = 1 },
        DeviceState.Offline => new Tally { DevicesOffline = 1 },
        _ => new Tally { DevicesUnknown = 1 },
    };
}
