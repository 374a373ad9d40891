using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class MetalDetectorRuleTests
{
    private static List<CauseHit> Check(DeviceKind kind, string type, string? detail)
    {
        var hits = new List<CauseHit>();
        new MetalDetectorRule().Check(Event(kind, type, detail), Context("08:40"), hits);
        return hits;
    }

    [Fact]
    public void a_detector_alarm_is_raised_per_detector_with_the_ticket()
    {
        var hit = Assert.Single(Check(DeviceKind.MetalDetector, "alarm", " 64301020100105"));

        Assert.Equal((AlarmCauses.MetalDetector, "metal_detector_alarm/r001-metal_detector", "64301020100105"), (hit.Cause, hit.Key, hit.Detail));
    }

    [Fact]
    public void other_events_are_ignored()
    {
        Assert.Empty(Check(DeviceKind.IdReader, "alarm", null));
        Assert.Empty(Check(DeviceKind.MetalDetector, "verify", null));
    }
}
