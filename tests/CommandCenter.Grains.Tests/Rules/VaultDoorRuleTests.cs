using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Alarms;
using CommandCenter.Grains.Alarms.Rules;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class VaultDoorRuleTests
{
    private static List<CauseHit> Check(string time, string type = "opened", bool withPlan = true)
    {
        var hits = new List<CauseHit>();
        new VaultDoorRule().Check(Event(DeviceKind.VaultDoor, type, null, time), Context(time, withPlan ? TestPlan() : null), hits);
        return hits;
    }

    [Theory]
    [InlineData("07:59")]
    [InlineData("08:45")]
    [InlineData("23:10")]
    public void opened_outside_an_authorized_window_is_critical(string time)
    {
        var hit = Assert.Single(Check(time));

        Assert.Equal((AlarmCauses.VaultOpened, AlarmSeverity.Critical, "vault-door"), (hit.Cause, hit.Severity, hit.DeviceId));
    }

    [Theory]
    [InlineData("08:00")]
    [InlineData("08:44")]
    public void opened_inside_a_window_is_fine(string time) => Assert.Empty(Check(time));

    [Fact]
    public void closing_or_no_plan_is_no_alarm()
    {
        Assert.Empty(Check("23:00", "closed"));
        Assert.Empty(Check("23:00", withPlan: false));
    }
}
