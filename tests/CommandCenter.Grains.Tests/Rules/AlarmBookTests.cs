using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Grains.Alarms;
using static CommandCenter.Grains.Tests.Rules.RuleScenario;

namespace CommandCenter.Grains.Tests.Rules;

public sealed class AlarmBookTests
{
    private static readonly RuleThresholds Thresholds = new() { ClearAfter = TimeSpan.FromSeconds(30), EscalateAfter = TimeSpan.FromMinutes(5), StormThreshold = 4 };
    private readonly AlarmBook _book = new(SiteId, SiteId + "-t");

    private static CauseHit Jammer(string room = "001") =>
        new(AlarmCauses.JammerOff, $"jammer_off/r{room}-jammer", AlarmSeverity.Alarm, room, $"r{room}-jammer", null);

    private AlarmView Only() => Assert.Single(_book.List(includeClosed: true));

    [Fact]
    public void a_flapping_device_keeps_one_alarm_and_counts()
    {
        for (var i = 0; i < 5; i++)
        {
            _book.SetConditions("r001-jammer", [Jammer()], At("09:00").AddSeconds(i * 20));
            _book.SetConditions("r001-jammer", [], At("09:00").AddSeconds((i * 20) + 10));
            _book.Sweep(At("09:00").AddSeconds((i * 20) + 15), Thresholds);
        }

        var alarm = Only();
        Assert.Equal((5, AlarmState.Open, false), (alarm.Count, alarm.State, alarm.CauseActive));
        Assert.Equal(At("09:00"), alarm.FirstSeen);
        Assert.Equal(At("09:01:20"[..5]).AddSeconds(20), alarm.LastSeen);
    }

    [Fact]
    public void an_alarm_is_auto_cleared_once_its_cause_stayed_away()
    {
        _book.SetConditions("r001-jammer", [Jammer()], At("09:00"));
        _book.SetConditions("r001-jammer", [], At("09:01"));
        _book.Sweep(At("09:01").AddSeconds(29), Thresholds);
        Assert.Equal(AlarmState.Open, Only().State);

        _book.Sweep(At("09:01").AddSeconds(30), Thresholds);

        var alarm = Only();
        Assert.Equal(AlarmState.Cleared, alarm.State);
        Assert.Equal(AlarmBook.System, alarm.Closed!.By);
        _book.SetConditions("r001-jammer", [Jammer()], At("09:05"));
        Assert.Equal(2, _book.List(includeClosed: true).Count);
    }

    [Fact]
    public void acknowledge_dispatch_resolve_keep_who_and_when()
    {
        _book.SetConditions("r001-jammer", [Jammer()], At("09:00"));
        var id = Only().Id;

        Assert.Equal(AlarmActionOutcome.Done, _book.Acknowledge(id, "commander", At("09:01")).Outcome);
        Assert.Equal(AlarmActionOutcome.AlreadyDone, _book.Acknowledge(id, "commander", At("09:01")).Outcome);
        Assert.Equal(AlarmActionOutcome.Done, _book.Dispatch(id, "commander", "X0001", At("09:02")).Outcome);
        var resolved = _book.Resolve(id, "inspector-1", "天线已更换", At("09:10"));

        Assert.Equal(AlarmActionOutcome.Done, resolved.Outcome);
        var a = resolved.Alarm!;
        Assert.Equal(AlarmState.Resolved, a.State);
        Assert.Equal(("commander", At("09:01")), (a.Acknowledged!.By, a.Acknowledged.At));
        Assert.Equal(("X0001", At("09:02")), (a.DispatchedTo, a.Dispatched!.At));
        Assert.Equal(("inspector-1", "天线已更换"), (a.Closed!.By, a.Closed.Note));
    }

    [Fact]
    public void steps_on_unknown_or_closed_alarms_are_refused_and_change_nothing()
    {
        Assert.Equal(AlarmActionOutcome.NotFound, _book.Acknowledge("43010201-t-99", "x", At("09:00")).Outcome);
        _book.Raise(new CauseHit(AlarmCauses.IdentityMismatch, "identity_mismatch/1", AlarmSeverity.Critical, "001", "r001-id", "1"), At("09:00"));
        var id = Only().Id;
        _book.Resolve(id, "chief", "本人", At("09:05"));

        Assert.Equal(AlarmActionOutcome.Closed, _book.Acknowledge(id, "x", At("09:06")).Outcome);
        Assert.Equal(AlarmActionOutcome.Closed, _book.Resolve(id, "x", "again", At("09:06")).Outcome);
        Assert.Equal(AlarmActionOutcome.Closed, _book.Dispatch(id, "x", "X1", At("09:06")).Outcome);
        Assert.Equal(("chief", "本人"), (Only().Closed!.By, Only().Closed!.Note));
    }

    [Fact]
    public void resolved_while_the_cause_holds_is_not_raised_again_until_the_cause_went_away()
    {
        _book.SetConditions("r001-jammer", [Jammer()], At("09:00"));
        _book.Resolve(Only().Id, "chief", "known", At("09:01"));

        _book.SetConditions("r001-jammer", [Jammer()], At("09:02"));
        Assert.Single(_book.List(includeClosed: true));

        _book.SetConditions("r001-jammer", [], At("09:03"));
        _book.SetConditions("r001-jammer", [Jammer()], At("09:04"));
        Assert.Equal(2, _book.List(includeClosed: true).Count);
    }

    [Fact]
    public void unacknowledged_alarms_escalate_county_city_province()
    {
        _book.SetConditions("r001-jammer", [Jammer()], At("09:00"));
        _book.SetConditions("r002-jammer", [Jammer("002")], At("09:00"));
        _book.Acknowledge(_book.List(false).Single(a => a.Room == "002").Id, "county", At("09:01"));

        _book.Sweep(At("09:04"), Thresholds);
        Assert.All(_book.List(false), a => Assert.Equal(EscalationLevel.County, a.Escalation));
        _book.Sweep(At("09:05"), Thresholds);
        Assert.Equal(EscalationLevel.City, _book.List(false).Single(a => a.Room == "001").Escalation);
        _book.Sweep(At("09:30"), Thresholds);

        Assert.Equal(EscalationLevel.Province, _book.List(false).Single(a => a.Room == "001").Escalation);
        Assert.Equal(EscalationLevel.County, _book.List(false).Single(a => a.Room == "002").Escalation);
    }

    [Fact]
    public void a_storm_shows_one_aggregated_alarm_that_opens_into_the_detail()
    {
        for (var r = 1; r <= 6; r++)
        {
            _book.SetConditions($"r00{r}-jammer", [Jammer($"00{r}")], At("09:00"));
        }

        _book.Sweep(At("09:00"), Thresholds);
        var site = new List<AlarmView>();
        var regions = new List<AlarmView>();
        _book.TakeChanged(site, regions);

        var storm = Assert.Single(_book.List(false), a => a.Cause == AlarmCauses.Storm);
        Assert.Equal((6, "6 alarms"), (storm.Count, storm.Detail));
        Assert.All(_book.List(false).Where(a => a != storm), a => Assert.Equal(storm.Id, a.AggregatedInto));
        Assert.Equal(6, _book.UnclosedCount);

        // The regions saw the members once, as aggregated (so they drop them), and the storm.
        Assert.Equal(7, regions.Count);
        _book.SetConditions("r007-jammer", [Jammer("007")], At("09:01"));
        _book.Sweep(At("09:01"), Thresholds);
        regions.Clear();
        _book.TakeChanged(site, regions);
        Assert.Equal([AlarmCauses.Storm], regions.Select(a => a.Cause));

        // Acknowledging the storm acknowledges its members; when they drop to half the threshold it is over.
        _book.Acknowledge(storm.Id, "province", At("09:02"));
        Assert.All(_book.List(false), a => Assert.Equal(AlarmState.Acknowledged, a.State));
        for (var r = 1; r <= 5; r++)
        {
            _book.SetConditions($"r00{r}-jammer", [], At("09:03"));
        }

        _book.Sweep(At("09:04"), Thresholds);

        Assert.DoesNotContain(_book.List(false), a => a.Cause == AlarmCauses.Storm);
        Assert.All(_book.List(false), a => Assert.Null(a.AggregatedInto));
        Assert.Equal(2, _book.UnclosedCount);
    }
}
