using System.Globalization;
using System.Text;

namespace CommandCenter.Server.History;

/// <summary>One InfluxDB point and its line-protocol form (tags sorted, escaping per the 1.x spec).</summary>
public sealed record LinePoint(
    string Measurement,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<KeyValuePair<string, object>> Fields,
    DateTimeOffset At,
    string RetentionPolicy)
{
    public void AppendTo(StringBuilder line)
    {
        Escape(line, Measurement, measurement: true);
        foreach (var (key, value) in Tags.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            line.Append(',');
            Escape(line, key, measurement: false);
            line.Append('=');
            Escape(line, value, measurement: false);
        }

        var first = true;
        foreach (var (key, value) in Fields)
        {
            line.Append(first ? ' ' : ',');
            first = false;
            Escape(line, key, measurement: false);
            line.Append('=');
            switch (value)
            {
                case bool b:
                    line.Append(b ? "true" : "false");
                    break;
                case int or long:
                    line.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)).Append('i');
                    break;
                case double d:
                    line.Append(d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                default:
                    line.Append('"').Append(value.ToString()!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                    break;
            }
        }

        line.Append(' ').Append(At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Escape(StringBuilder line, string text, bool measurement)
    {
        foreach (var c in text)
        {
            if (c == ',' || c == ' ' || (!measurement && c == '='))
            {
                line.Append('\\');
            }

            line.Append(c is '\n' or '\r' ? ' ' : c);
        }
    }
}
