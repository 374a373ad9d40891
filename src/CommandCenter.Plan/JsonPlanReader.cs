using System.Text;
using System.Text.Json;

namespace CommandCenter.Plan;

/// <summary>
/// A plan as one JSON document: the exam's fields at the top (thresholds may also sit in a
/// <c>"thresholds"</c> object), and one array of objects per table. Every value keeps the line it is on,
/// so problems point into the file.
/// </summary>
public static class JsonPlanReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static RawPlan Read(string file, byte[] utf8)
    {
        var raw = new RawPlan { ExamFile = file };
        if (utf8.AsSpan().StartsWith(Bom))
        {
            utf8 = utf8[Bom.Length..];
        }

        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                raw.Problems.Add(new PlanProblem(file, 1, "$", "a plan is one JSON object"));
                return raw;
            }

            ReadTop(ref reader, raw, file, lines);
        }
        catch (JsonException ex)
        {
            raw.Problems.Add(new PlanProblem(file, (int)(ex.LineNumber ?? 0) + 1, "json", "malformed JSON: " + FirstSentence(ex.Message)));
        }

        return raw;
    }

    private static void ReadTop(ref Utf8JsonReader reader, RawPlan raw, string file, LineIndex lines)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var line = lines.LineOf(reader.TokenStartIndex);
            reader.Read();
            if (name == "thresholds" && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadObject(ref reader, raw.Exam, raw, file, lines, "thresholds.", PlanSchema.ExamFields);
            }
            else if (PlanSchema.Columns.TryGetValue(name, out var columns))
            {
                ReadTable(ref reader, raw, file, lines, name, columns);
            }
            else if (!PlanSchema.ExamFields.Contains(name))
            {
                raw.Problems.Add(new PlanProblem(file, line, name,
                    "unknown field; known: " + string.Join(", ", PlanSchema.ExamFields.Concat(RawPlan.TableNames).Append("thresholds"))));
                reader.Skip();
            }
            else if (Scalar(ref reader) is var (ok, text) && ok)
            {
                raw.Exam[name] = new RawValue(text, line, name);
            }
            else
            {
                raw.Problems.Add(new PlanProblem(file, line, name, "must be a string or a number"));
                reader.Skip();
            }
        }
    }

    private static void ReadTable(ref Utf8JsonReader reader, RawPlan raw, string file, LineIndex lines, string table, IReadOnlyList<string> columns)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            raw.Problems.Add(new PlanProblem(file, lines.LineOf(reader.TokenStartIndex), table, "must be an array of objects"));
            reader.Skip();
            return;
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var line = lines.LineOf(reader.TokenStartIndex);
            var prefix = $"{table}[{index++}].";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                raw.Problems.Add(new PlanProblem(file, line, prefix.TrimEnd('.'), "must be an object"));
                reader.Skip();
                continue;
            }

            var row = new RawRow(file, line, prefix);
            ReadObject(ref reader, row.Values, raw, file, lines, prefix, columns);
            raw.Tables[table].Add(row);
        }
    }

    private static void ReadObject(ref Utf8JsonReader reader, Dictionary<string, RawValue> into, RawPlan raw, string file,
        LineIndex lines, string prefix, IReadOnlyList<string> known)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var line = lines.LineOf(reader.TokenStartIndex);
            reader.Read();
            if (!known.Contains(name))
            {
                raw.Problems.Add(new PlanProblem(file, line, prefix + name, "unknown field; known: " + string.Join(", ", known)));
                reader.Skip();
            }
            else if (Scalar(ref reader) is var (ok, text) && ok)
            {
                if (!into.TryAdd(name, new RawValue(text, line, prefix + name)))
                {
                    raw.Problems.Add(new PlanProblem(file, line, prefix + name, "given twice"));
                }
            }
            else
            {
                raw.Problems.Add(new PlanProblem(file, line, prefix + name, "must be a string, a number, true/false or null"));
                reader.Skip();
            }
        }
    }

    private static (bool Ok, string? Text) Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => (true, reader.GetString()),
        JsonTokenType.Number => (true, Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.True => (true, "true"),
        JsonTokenType.False => (true, "false"),
        JsonTokenType.Null => (true, null),
        _ => (false, null),
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Byte offset → 1-based line.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _starts = [0];

        public LineIndex(byte[] utf8)
        {
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public int LineOf(long offset)
        {
            var found = _starts.BinarySearch(offset);
            return (found >= 0 ? found : ~found - 1) + 1;
        }
    }
}
