namespace CommandCenter.Plan;

/// <summary>
/// A plan as CSV files: <c>exam.csv</c> (rows of <c>field,value</c>) and one file per table named after it
/// (<c>sessions.csv</c>, <c>sites.csv</c>, …) with a header row. Tables other than sessions, sites and rooms may be left out.
/// </summary>
public static class CsvPlanReader
{
    private const string ExamFile = "exam.csv";

    /// <summary>Reads every <c>*.csv</c> file of a directory.</summary>
    public static RawPlan ReadDirectory(string directory) =>
        Read(Directory.EnumerateFiles(directory, "*.csv")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path))));

    public static RawPlan Read(IEnumerable<(string Name, string Text)> files)
    {
        var raw = new RawPlan { ExamFile = ExamFile };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            var table = Path.GetFileNameWithoutExtension(name);
            if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                || (name != ExamFile && !PlanSchema.Columns.ContainsKey(table)))
            {
                raw.Problems.Add(new PlanProblem(name, 0, "file",
                    $"not a plan file; expected {ExamFile} or one of {string.Join(", ", RawPlan.TableNames.Select(t => t + ".csv"))}"));
                continue;
            }

            if (!seen.Add(name))
            {
                raw.Problems.Add(new PlanProblem(name, 0, "file", "given twice"));
                continue;
            }

            var (records, error, errorLine) = CsvText.Parse(text);
            if (error is not null)
            {
                raw.Problems.Add(new PlanProblem(name, errorLine, "csv", error));
                continue;
            }

            if (name == ExamFile)
            {
                ReadExam(raw, records);
            }
            else
            {
                ReadTable(raw, name, table, records);
            }
        }

        foreach (var required in new[] { ExamFile, "sessions.csv", "sites.csv", "rooms.csv" })
        {
            if (!seen.Contains(required))
            {
                raw.Problems.Add(new PlanProblem(required, 0, "file", "missing; a plan needs it"));
            }
        }

        return raw;
    }

    private static void ReadExam(RawPlan raw, List<CsvText.Record> records)
    {
        foreach (var record in records.Skip(IsHeader(records, "field", "value") ? 1 : 0))
        {
            if (record.Fields.Count != 2)
            {
                raw.Problems.Add(new PlanProblem(ExamFile, record.Line, "csv", $"expected 2 fields (field,value), found {record.Fields.Count}"));
                continue;
            }

            var field = record.Fields[0].Trim();
            if (!PlanSchema.ExamFields.Contains(field))
            {
                raw.Problems.Add(new PlanProblem(ExamFile, record.Line, field, "unknown exam field; known: " + string.Join(", ", PlanSchema.ExamFields)));
            }
            else if (!raw.Exam.TryAdd(field, new RawValue(record.Fields[1].Trim(), record.Line, field)))
            {
                raw.Problems.Add(new PlanProblem(ExamFile, record.Line, field, "given twice"));
            }
        }
    }

    private static void ReadTable(RawPlan raw, string file, string table, List<CsvText.Record> records)
    {
        if (records.Count == 0)
        {
            raw.Problems.Add(new PlanProblem(file, 1, "header", "the file is empty; it needs a header row"));
            return;
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var known = PlanSchema.Columns[table];
        var headerOk = true;
        foreach (var column in header.Where(c => !known.Contains(c)))
        {
            raw.Problems.Add(new PlanProblem(file, records[0].Line, column, "unknown column; known: " + string.Join(", ", known)));
            headerOk = false;
        }

        foreach (var column in header.GroupBy(c => c).Where(g => g.Count() > 1))
        {
            raw.Problems.Add(new PlanProblem(file, records[0].Line, column.Key, "column given twice"));
            headerOk = false;
        }

        if (!headerOk)
        {
            return;
        }

        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Count)
            {
                raw.Problems.Add(new PlanProblem(file, record.Line, "csv", $"expected {header.Count} fields as in the header, found {record.Fields.Count}"));
                continue;
            }

            var row = new RawRow(file, record.Line);
            for (var i = 0; i < header.Count; i++)
            {
                var text = record.Fields[i].Trim();
                row.Values[header[i]] = new RawValue(text.Length == 0 ? null : text, record.Line, header[i]);
            }

            raw.Tables[table].Add(row);
        }
    }

    private static bool IsHeader(List<CsvText.Record> records, string first, string second) =>
        records.Count > 0 && records[0].Fields.Count == 2
        && records[0].Fields[0].Trim() == first && records[0].Fields[1].Trim() == second;
}
