namespace CommandCenter.Plan;

/// <summary>A value as written, with the line it is on and the name to report it by.</summary>
public readonly record struct RawValue(string? Text, int Line, string Field);

/// <summary>One row of a table (a CSV line, or an object of a JSON array) before validation.</summary>
public sealed class RawRow(string file, int line, string fieldPrefix = "")
{
    /// <summary>How fields of this row are named in problems: <c>sites[3].</c> in JSON, nothing in CSV (the column says it).</summary>
    public string FieldPrefix { get; } = fieldPrefix;

    public string File { get; } = file;

    public int Line { get; } = line;

    public Dictionary<string, RawValue> Values { get; } = new(StringComparer.Ordinal);
}

/// <summary>The exam's own fields and every table, as read from CSV or JSON, not yet checked.</summary>
public sealed class RawPlan
{
    /// <summary>The tables a plan has, by their JSON property and CSV file name (without .csv).</summary>
    public static IReadOnlyList<string> TableNames { get; } =
        ["sessions", "sites", "rooms", "vaults", "vaultWindows", "devices", "staff", "inspectors", "bags"];

    /// <summary>Where the exam fields came from (exam.csv, or the JSON file).</summary>
    public string ExamFile { get; set; } = "exam.csv";

    public Dictionary<string, RawValue> Exam { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<RawRow>> Tables { get; } =
        TableNames.ToDictionary(n => n, _ => new List<RawRow>(), StringComparer.Ordinal);

    /// <summary>Problems found while reading (syntax, shape), before any field is checked.</summary>
    public List<PlanProblem> Problems { get; } = [];
}
