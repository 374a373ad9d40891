using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// From T-30 (the exam's room-ready lead) until the start every planned room must be ready: jammer on, clock
/// synced and within the warning threshold, every camera recording, the identity reader ready. The detail
/// lists what is missing.
/// </summary>
internal sealed class RoomNotReadyRule : ISiteRule
{
    public void Check(SiteFacts site, RuleContext context, List<CauseHit> hits)
    {
        if (context.Plan is not { } plan)
        {
            return;
        }

        var session = context.Timeline.Sessions.FirstOrDefault(s =>
            context.Now >= s.Start - context.Thresholds.RoomReadyLead && context.Now < s.Start);
        if (session is null)
        {
            return;
        }

        var byRoom = site.Devices.Values.Where(d => d.Room is not null).ToLookup(d => d.Room!);
        foreach (var room in plan.Rooms)
        {
            var missing = Missing(byRoom[room.Room].ToList(), context);
            if (missing.Count > 0)
            {
                hits.Add(new CauseHit(AlarmCauses.RoomNotReady, AlarmCauses.RoomNotReady + "/" + room.Room, AlarmSeverity.Alarm,
                    room.Room, null, string.Join(", ", missing)));
            }
        }
    }

    private static List<string> Missing(List<DeviceFacts> devices, RuleContext context)
    {
        var missing = new List<string>();
        if (!devices.Any(d => d.Kind == DeviceKind.Jammer && d.State == DeviceState.Ok && d.On == true))
        {
            missing.Add("jammer");
        }

        if (!devices.Any(d => d.Kind == DeviceKind.Clock && d.State == DeviceState.Ok && d.Synced != false
                && d.OffsetMs is { } o && Math.Abs((long)o) <= context.Thresholds.ClockWarningMs))
        {
            missing.Add("clock");
        }

        var cameras = devices.Where(d => d.Kind == DeviceKind.Camera).ToList();
        if (cameras.Count == 0 || cameras.Any(c => c.State != DeviceState.Ok || c.Recording != true))
        {
            missing.Add("camera");
        }

        if (!devices.Any(d => d.Kind == DeviceKind.IdReader && d.State == DeviceState.Ok && d.Ready != false))
        {
            missing.Add("id_reader");
        }

        return missing;
    }
}
