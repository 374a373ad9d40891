using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// An identity check that is not a match raises an alarm at once, one per ticket number (the detail):
/// mismatch (possible impersonation, 替考) is critical, not registered an alarm, unreadable a warning.
/// </summary>
internal sealed class IdentityRule : IEventRule
{
    public void Check(EventView ev, RuleContext context, List<CauseHit> hits)
    {
        if (ev.Kind != DeviceKind.IdReader || ev.Type != "verify" || ev.Detail is null)
        {
            return;
        }

        var parts = ev.Detail.Split(' ', 2);
        var ticket = parts.Length > 1 ? parts[1] : null;
        (string Cause, AlarmSeverity Severity)? found = parts[0] switch
        {
            "mismatch" => (AlarmCauses.IdentityMismatch, AlarmSeverity.Critical),
            "unregistered" => (AlarmCauses.IdentityUnregistered, AlarmSeverity.Alarm),
            "unreadable" => (AlarmCauses.IdentityUnreadable, AlarmSeverity.Warning),
            _ => null,
        };
        if (found is { } f)
        {
            hits.Add(new CauseHit(f.Cause, $"{f.Cause}/{ticket ?? ev.DeviceId}", f.Severity, ev.Room, ev.DeviceId, ticket));
        }
    }
}
