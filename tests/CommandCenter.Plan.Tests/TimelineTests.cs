using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Plan.Tests;

public sealed class TimelineTests
{
    private static readonly ExamTimeline Day = new(PlanFiles.Build(PlanFiles.Valid()).Plan!.Sessions, new RuleThresholds());

    [Theory]
    [InlineData("07:59", SessionPhase.Closed, null)]
    [InlineData("07:30", SessionPhase.Closed, null)]
    [InlineData("08:00", SessionPhase.ReadinessCheck, "2026-gk-yw")]
    [InlineData("08:30", SessionPhase.Entry, "2026-gk-yw")]
    [InlineData("09:00", SessionPhase.InSession, "2026-gk-yw")]
    [InlineData("11:29", SessionPhase.InSession, "2026-gk-yw")]
    [InlineData("11:30", SessionPhase.Collection, "2026-gk-yw")]
    [InlineData("12:00", SessionPhase.Closed, null)]
    [InlineData("14:00", SessionPhase.ReadinessCheck, "2026-gk-sx")]
    [InlineData("17:29", SessionPhase.Collection, "2026-gk-sx")]
    [InlineData("23:00", SessionPhase.Closed, null)]
    public void phase_follows_the_plan_and_the_clock(string time, SessionPhase phase, string? session)
    {
        var at = DateTimeOffset.Parse($"2026-06-07T{time}:00+08:00");

        Assert.Equal(new PhaseAt(phase, session), Day.At(at));
    }

    [Fact]
    public void next_boundary_walks_the_day()
    {
        var at = DateTimeOffset.Parse("2026-06-07T07:00:00+08:00");
        var seen = new List<DateTimeOffset>();
        while (Day.NextBoundary(at) is { } next)
        {
            seen.Add(next);
            at = next;
        }

        Assert.Equal(DateTimeOffset.Parse("2026-06-07T08:00:00+08:00"), seen[0]);
        Assert.Equal(DateTimeOffset.Parse("2026-06-07T17:30:00+08:00"), seen[^1]);
        Assert.Equal(seen.Order(), seen);
    }
}
