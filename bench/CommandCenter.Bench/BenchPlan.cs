using CommandCenter.Plan;
using CommandCenter.PlanTool;
using CommandCenter.Simulator.Model;

namespace CommandCenter.Bench;

/// <summary>
/// The sample plan of the simulated province, moved so that its first session started ten minutes ago: the entry
/// window is open, the session is in progress and bags are opened, so every rule of every site is watching.
/// </summary>
internal static class BenchPlan
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static string WriteInSession(ProvinceModel model)
    {
        var now = DateTimeOffset.UtcNow.ToOffset(Beijing);
        var plan = SamplePlan.Build(model, DateOnly.FromDateTime(now.DateTime));
        var first = plan.Sessions.Min(s => s.Start);
        var moved = PlanRebase.By(plan, now - TimeSpan.FromMinutes(10) - first);
        var path = Path.Combine(Path.GetTempPath(), $"cc-bench-plan-{Environment.ProcessId}.json");
        File.WriteAllBytes(path, PlanWriter.ToJson(moved));
        return path;
    }
}
