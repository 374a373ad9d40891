using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Plan;

/// <summary>Moves a plan's days so that its first session falls on a given day, times of day kept: a demo or a simulation runs "today".</summary>
public static class PlanRebase
{
    public static ExamPlan ToDay(ExamPlan plan, DateOnly firstDay)
    {
        if (plan.Sessions.Count == 0)
        {
            return plan;
        }

        var first = plan.Sessions.Min(s => s.Start);
        return By(plan, TimeSpan.FromDays(firstDay.DayNumber - DateOnly.FromDateTime(first.DateTime).DayNumber));
    }

    /// <summary>Moves every session and vault window of the plan by <paramref name="shift"/>.</summary>
    public static ExamPlan By(ExamPlan plan, TimeSpan shift)
    {
        if (shift == TimeSpan.Zero)
        {
            return plan;
        }

        var moved = plan with
        {
            Sessions = plan.Sessions.Select(s => s with
            {
                Start = s.Start + shift,
                End = s.End + shift,
                EntryOpens = s.EntryOpens + shift,
                EntryCloses = s.EntryCloses + shift,
                BagOpening = s.BagOpening + shift,
                ZeroReportDue = s.ZeroReportDue + shift,
            }).ToList(),
            VaultWindows = plan.VaultWindows.Select(w => w with { From = w.From + shift, To = w.To + shift }).ToList(),
        };
        return moved with { Fingerprint = PlanBuilder.Fingerprint(moved) };
    }
}
