namespace CommandCenter.Abstractions.Plan;

/// <summary>
/// Phases of the day from the plan's sessions and a clock. Pure: the caller passes the time (from its
/// injected <see cref="TimeProvider"/>), so a test replays a whole day by moving a manual clock.
/// </summary>
public sealed class ExamTimeline
{
    private readonly IReadOnlyList<ExamSession> _sessions;
    private readonly RuleThresholds _thresholds;

    public ExamTimeline(IReadOnlyList<ExamSession> sessions, RuleThresholds thresholds)
    {
        _sessions = sessions.OrderBy(s => s.Start).ToList();
        _thresholds = thresholds;
    }

    public static ExamTimeline Empty { get; } = new([], new RuleThresholds());

    public IReadOnlyList<ExamSession> Sessions => _sessions;

    public PhaseAt At(DateTimeOffset now)
    {
        foreach (var s in _sessions)
        {
            var phase = PhaseOf(s, now);
            if (phase != SessionPhase.Closed)
            {
                return new PhaseAt(phase, s.SessionId);
            }
        }

        return new PhaseAt(SessionPhase.Closed, null);
    }

    public SessionPhase PhaseOf(ExamSession s, DateTimeOffset now)
    {
        if (now >= s.Start && now < s.End)
        {
            return SessionPhase.InSession;
        }

        if (now >= s.EntryOpens && now < s.Start)
        {
            return SessionPhase.Entry;
        }

        if (now >= s.Start - _thresholds.ReadinessLead && now < s.Start)
        {
            return SessionPhase.ReadinessCheck;
        }

        return now >= s.End && now < s.End + _thresholds.CollectionWindow ? SessionPhase.Collection : SessionPhase.Closed;
    }

    /// <summary>Whether candidates may be entering or writing: from the entry opening to the end.</summary>
    public ExamSession? EntryOrSessionAt(DateTimeOffset now) =>
        _sessions.FirstOrDefault(s => now >= s.EntryOpens && now < s.End);

    /// <summary>The next moment after <paramref name="now"/> at which some phase or deadline changes, if any.</summary>
    public DateTimeOffset? NextBoundary(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var s in _sessions)
        {
            foreach (var t in Boundaries(s))
            {
                if (t > now && (next is null || t < next))
                {
                    next = t;
                }
            }
        }

        return next;
    }

    private IEnumerable<DateTimeOffset> Boundaries(ExamSession s)
    {
        yield return s.Start - _thresholds.ReadinessLead;
        yield return s.Start - _thresholds.RoomReadyLead;
        yield return s.EntryOpens;
        yield return s.Start;
        yield return s.End;
        yield return s.End + _thresholds.CollectionWindow;
        if (s.ZeroReportDue is { } due)
        {
            yield return due;
        }
    }
}
