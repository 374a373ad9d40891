using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Sites;

/// <summary>
/// Candidate flow (考生流) of one site: expected per room from the plan, present = distinct tickets verified
/// as a match in the room during the current session's entry window or session, absent = expected − present
/// once entry has closed (until the collection ends). Without a plan nothing is expected and present counts all day.
/// </summary>
internal sealed class CandidateFlow
{
    private readonly Dictionary<string, int> _expected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _present = new(StringComparer.Ordinal);
    private string? _session;

    public void ApplyPlan(SitePlan? plan)
    {
        _expected.Clear();
        foreach (var room in plan?.Rooms ?? [])
        {
            _expected[room.Room] = room.ExpectedCandidates;
        }
    }

    /// <summary>Counts verified tickets; false when nothing changed.</summary>
    public bool OnEvents(IReadOnlyList<EventView> events, ExamTimeline timeline, bool hasPlan)
    {
        var changed = false;
        foreach (var ev in events)
        {
            if (ev.Kind != DeviceKind.IdReader || ev.Type != "verify" || ev.Room is null || ev.Detail is null
                || !ev.Detail.StartsWith("match ", StringComparison.Ordinal))
            {
                continue;
            }

            var session = timeline.EntryOrSessionAt(ev.Ts);
            if (hasPlan && (session is null || session.SessionId != _session))
            {
                continue;
            }

            if (!_present.TryGetValue(ev.Room, out var tickets))
            {
                tickets = new HashSet<string>(StringComparer.Ordinal);
                _present[ev.Room] = tickets;
            }

            changed |= tickets.Count < 1024 && tickets.Add(ev.Detail[6..]);
        }

        return changed;
    }

    /// <summary>Moves to the session of <paramref name="now"/>; a new session starts with nobody present. True when it moved.</summary>
    public bool Follow(ExamTimeline timeline, RuleThresholds thresholds, DateTimeOffset now)
    {
        var current = timeline.Sessions.FirstOrDefault(s => now >= s.EntryOpens && now < s.End + thresholds.CollectionWindow)?.SessionId;
        if (current == _session)
        {
            return false;
        }

        _session = current;
        _present.Clear();
        return true;
    }

    /// <summary>The room's flow as a tally to add to its device tally.</summary>
    public Tally Room(string room, ExamTimeline timeline, DateTimeOffset now)
    {
        var expected = _expected.GetValueOrDefault(room);
        var present = _present.TryGetValue(room, out var tickets) ? tickets.Count : 0;
        var session = timeline.Sessions.FirstOrDefault(s => s.SessionId == _session);
        var absent = session is not null && now >= session.EntryCloses ? Math.Max(0, expected - present) : 0;
        return new Tally { CandidatesExpected = expected, CandidatesPresent = present, CandidatesAbsent = absent };
    }

    /// <summary>Rooms with anything to count: planned, or with someone present.</summary>
    public IEnumerable<string> Rooms => _expected.Keys.Union(_present.Keys);
}
