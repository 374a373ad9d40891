using System.Globalization;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Plan;

/// <summary>Reads typed fields of one raw row, adding a problem (file, line, field) for each that is missing or wrong.</summary>
internal sealed class RowReader(string file, int line, string prefix, IReadOnlyDictionary<string, RawValue> values, List<PlanProblem> problems)
{
    public RowReader(RawRow row, List<PlanProblem> problems)
        : this(row.File, row.Line, row.FieldPrefix, row.Values, problems)
    {
    }

    private readonly int _problemsBefore = problems.Count;

    /// <summary>Whether this row has a problem so far.</summary>
    public bool HasProblems => problems.Count > _problemsBefore;

    public string File => file;

    public int Line => line;

    public void Problem(string field, string message) =>
        problems.Add(values.TryGetValue(field, out var v)
            ? new PlanProblem(file, v.Line, v.Field, message)
            : new PlanProblem(file, line, prefix + field, message));

    public string? Optional(string field) =>
        values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v.Text) ? v.Text.Trim() : null;

    public string Required(string field)
    {
        var text = Optional(field);
        if (text is null)
        {
            Problem(field, "required");
        }

        return text ?? "";
    }

    public string Id(string field, bool required = true)
    {
        var text = required ? Required(field) : Optional(field);
        if (text is { Length: > 0 } && !Identifiers.IsDeviceId(text))
        {
            Problem(field, "must be 1-64 letters, digits, '_', '.' or '-'");
        }

        return text ?? "";
    }

    public int Int(string field, int min, int max, int? fallback = null)
    {
        var text = fallback is null ? Required(field) : Optional(field);
        if (text is null)
        {
            return fallback ?? 0;
        }

        if (text.Length == 0)
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(field, $"must be a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    public double Double(string field, double min, double max)
    {
        var text = Required(field);
        if (text.Length == 0)
        {
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(field, $"must be a number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    public DateTimeOffset Time(string field) => OptionalTime(field, required: true) ?? default;

    public DateTimeOffset? OptionalTime(string field, bool required = false)
    {
        var text = required ? Required(field) : Optional(field);
        if (text is not { Length: > 0 })
        {
            return null;
        }

        if (!Identifiers.TryParseTimestamp(text, out var ts))
        {
            Problem(field, $"must be a time with its offset, e.g. 2026-06-07T09:00:00+08:00, not '{text}'");
            return null;
        }

        return ts;
    }
}
