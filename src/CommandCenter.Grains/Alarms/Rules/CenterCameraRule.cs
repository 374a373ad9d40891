using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Video;

namespace CommandCenter.Grains.Alarms.Rules;

/// <summary>
/// What the center itself sees of a camera (its probe and its recorder). Keyed like <see cref="CameraRule"/>, so a camera
/// the edge and the center both find offline is one alarm, not two.
/// </summary>
internal static class CenterCameraRule
{
    public static void Check(CameraConditions conditions, RuleContext context, List<CauseHit> hits)
    {
        if (!context.Watching)
        {
            return;
        }

        if (conditions.Offline)
        {
            Add(hits, AlarmCauses.CameraOffline, AlarmSeverity.Alarm, conditions);
            return;
        }

        if (conditions.Frozen)
        {
            Add(hits, AlarmCauses.CameraFrozen, AlarmSeverity.Alarm, conditions);
        }

        if (conditions.LowFps)
        {
            Add(hits, AlarmCauses.CameraLowFps, AlarmSeverity.Warning, conditions);
        }

        if (conditions.RecordingStopped)
        {
            Add(hits, AlarmCauses.CameraRecordingStopped, AlarmSeverity.Alarm, conditions);
        }
    }

    private static void Add(List<CauseHit> hits, string cause, AlarmSeverity severity, CameraConditions conditions)
    {
        var key = cause + "/" + conditions.DeviceId;
        if (!hits.Exists(h => h.Key == key))
        {
            hits.Add(new CauseHit(cause, key, severity, conditions.Room, conditions.DeviceId, conditions.Problem));
        }
    }
}
