using System.Text;

namespace CommandCenter.Plan;

/// <summary>
/// RFC 4180 CSV: comma-separated, fields may be quoted ("" inside quotes is one quote, and a quoted field
/// may span lines). Each record keeps the line it starts on. A UTF-8 BOM (as spreadsheets write) is ignored.
/// </summary>
public static class CsvText
{
    public readonly record struct Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>The records of <paramref name="text"/>; blank lines are skipped. An unclosed quote is an error.</summary>
    public static (List<Record> Records, string? Error, int ErrorLine) Parse(string text)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quotedField = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (!(fields.Count == 1 && fields[0].Length == 0 && !quotedField))
            {
                records.Add(new Record(recordLine, fields.ToList()));
            }

            fields.Clear();
            quotedField = false;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    quotedField = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (inQuotes)
        {
            return (records, "a quoted field is not closed", recordLine);
        }

        if (field.Length > 0 || fields.Count > 0 || quotedField)
        {
            EndRecord();
        }

        return (records, null, 0);
    }
}
