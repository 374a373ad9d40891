using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Server.Custody;

/// <summary>A bag is missing when its session's bag-opening time has passed and it has not reached its room.</summary>
public static class MissingBags
{
    public static IEnumerable<BagSummary> Find(IEnumerable<BagSummary> bags, ExamPlan plan, DateTimeOffset now)
    {
        var openings = plan.Sessions.ToDictionary(s => s.SessionId, s => s.BagOpening, StringComparer.Ordinal);
        return bags.Where(b => b.ExamId == plan.ExamId && b.Kind == BagKind.Regular && b.State < BagState.HandedToRoom
            && openings.TryGetValue(b.SessionId, out var opening) && now >= opening);
    }
}
