namespace CommandCenter.Plan;

/// <summary>One thing wrong with a plan: where (file, 1-based line, field) and what.</summary>
public sealed record PlanProblem(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

/// <summary>A plan read from files: the plan when nothing was wrong, otherwise every problem found.</summary>
public sealed record PlanReadResult(CommandCenter.Abstractions.Plan.ExamPlan? Plan, IReadOnlyList<PlanProblem> Problems)
{
    public bool Ok => Plan is not null && Problems.Count == 0;
}
