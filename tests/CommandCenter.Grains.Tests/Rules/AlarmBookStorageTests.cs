using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Grains.Alarms;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

/// <summary>What a site stores of its alarm book brings the next activation back to the same point.</summary>
public sealed class AlarmBookStorageTests
{
    private static readonly RuleThresholds Thresholds = new() { ClearAfter = TimeSpan.FromSeconds(30), EscalateAfter = TimeSpan.FromMinutes(5), StormThreshold = 100 };

    private static CauseHit Jammer(string room) =>
        new(AlarmCauses.JammerOff, $"jammer_off/r{room}-jammer", AlarmSeverity.Alarm, room, $"r{room}-jammer", null);

    [Fact]
    public void a_restored_condition_still_clears_when_its_cause_goes_and_a_resolved_one_stays_resolved()
    {
        var before = new AlarmBook(SiteId, SiteId + "-a");
        before.SetConditions("r001-jammer", [Jammer("001")], At("09:00"));
        before.SetConditions("r002-jammer", [Jammer("002")], At("09:00"));
        var resolved = before.List(includeClosed: false).Single(a => a.Room == "002").Id;
        before.Resolve(resolved, "chief", "换了电池", At("09:01"));

        var after = new AlarmBook(SiteId, SiteId + "-b");
        after.Restore(before.Snapshot());

        Assert.Equal(before.List(includeClosed: true), after.List(includeClosed: true));
        // The jammer of room 002 is still off: resolved by a person, it is not raised again.
        after.SetConditions("r002-jammer", [Jammer("002")], At("09:02"));
        after.SetConditions("r001-jammer", [], At("09:02"));
        after.Sweep(At("09:02").AddSeconds(30), Thresholds);
        var alarms = after.List(includeClosed: true);
        Assert.Equal(2, alarms.Count);
        Assert.All(alarms, a => Assert.True(a.IsClosed));
        Assert.Equal(AlarmState.Cleared, alarms.Single(a => a.Room == "001").State);
    }

    [Fact]
    public void the_stored_history_is_bounded_per_site()
    {
        var book = new AlarmBook(SiteId, SiteId + "-a");
        for (var i = 0; i < AlarmBook.ClosedKept + 50; i++)
        {
            book.Raise(new CauseHit(AlarmCauses.MetalDetector, $"metal/{i}", AlarmSeverity.Warning, "001", null, null), At("09:00"));
            book.Resolve(book.List(includeClosed: false).Single().Id, "chief", null, At("09:00"));
        }

        book.Raise(new CauseHit(AlarmCauses.MetalDetector, "metal/open", AlarmSeverity.Warning, "001", null, null), At("09:10"));

        var stored = book.Snapshot();
        Assert.Equal(AlarmBook.ClosedKept + 1, stored.Alarms.Count);
        Assert.Single(stored.Alarms, a => !a.View.IsClosed);
    }
}
