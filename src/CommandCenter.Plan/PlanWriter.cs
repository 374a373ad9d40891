using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Plan;

/// <summary>Writes a plan in the form the readers accept: CSV files or one JSON document.</summary>
public static class PlanWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The plan's CSV files by name (exam.csv, sessions.csv, …).</summary>
    public static IReadOnlyDictionary<string, string> ToCsv(ExamPlan plan)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["exam.csv"] = Csv(["field", "value"], ExamFields(plan).Select(f => new[] { f.Name, f.Value })),
        };
        foreach (var (table, rows) in Tables(plan))
        {
            files[table + ".csv"] = Csv(PlanSchema.Columns[table], rows.Select(r => PlanSchema.Columns[table].Select(c => r.GetValueOrDefault(c)).ToArray()));
        }

        return files;
    }

    public static void WriteCsvDirectory(ExamPlan plan, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, text) in ToCsv(plan))
        {
            File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(false));
        }
    }

    public static byte[] ToJson(ExamPlan plan)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            foreach (var (name, value) in ExamFields(plan))
            {
                if (name is "examId" or "name")
                {
                    json.WriteString(name, value);
                }
                else
                {
                    json.WriteNumber(name, long.Parse(value, CultureInfo.InvariantCulture));
                }
            }

            foreach (var (table, rows) in Tables(plan))
            {
                json.WriteStartArray(table);
                foreach (var row in rows)
                {
                    json.WriteStartObject();
                    foreach (var column in PlanSchema.Columns[table])
                    {
                        if (row.GetValueOrDefault(column) is { } value)
                        {
                            if (column is "lat" or "lon" or "capacity" or "expectedCandidates")
                            {
                                json.WriteNumber(column, double.Parse(value, CultureInfo.InvariantCulture));
                            }
                            else
                            {
                                json.WriteString(column, value);
                            }
                        }
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static IEnumerable<(string Name, string Value)> ExamFields(ExamPlan plan)
    {
        var t = plan.Thresholds;
        yield return ("examId", plan.ExamId);
        yield return ("name", plan.Name);
        yield return ("offlineMissedIntervals", N(t.OfflineMissedIntervals));
        yield return ("statusIntervalSeconds", N((int)t.StatusInterval.TotalSeconds));
        yield return ("clockWarningMs", N(t.ClockWarningMs));
        yield return ("clockAlarmMs", N(t.ClockAlarmMs));
        yield return ("readinessLeadMinutes", N((int)t.ReadinessLead.TotalMinutes));
        yield return ("roomReadyLeadMinutes", N((int)t.RoomReadyLead.TotalMinutes));
        yield return ("collectionWindowMinutes", N((int)t.CollectionWindow.TotalMinutes));
        yield return ("escalateAfterMinutes", N((int)t.EscalateAfter.TotalMinutes));
        yield return ("stormThreshold", N(t.StormThreshold));
        yield return ("agentOfflineAfterSeconds", N((int)t.AgentOfflineAfter.TotalSeconds));
        yield return ("clearAfterSeconds", N((int)t.ClearAfter.TotalSeconds));
    }

    private static IEnumerable<(string Table, IEnumerable<Dictionary<string, string?>> Rows)> Tables(ExamPlan plan)
    {
        yield return ("sessions", plan.Sessions.Select(s => Row(
            ("sessionId", s.SessionId), ("subject", s.Subject), ("start", T(s.Start)), ("end", T(s.End)),
            ("entryOpens", T(s.EntryOpens)), ("entryCloses", T(s.EntryCloses)), ("bagOpening", T(s.BagOpening)),
            ("zeroReportDue", s.ZeroReportDue is { } due ? T(due) : null))));
        yield return ("sites", plan.Sites.Select(s => Row(
            ("siteId", s.SiteId), ("name", s.Name), ("address", s.Address), ("lat", D(s.Lat)), ("lon", D(s.Lon)), ("countyCode", s.CountyCode))));
        yield return ("rooms", plan.Rooms.Select(r => Row(
            ("siteId", r.SiteId), ("room", r.Room), ("capacity", N(r.Capacity)), ("expectedCandidates", N(r.ExpectedCandidates)))));
        yield return ("vaults", plan.Vaults.Select(v => Row(
            ("vaultId", v.VaultId), ("kind", v.Kind.ToWire()), ("countyCode", v.CountyCode), ("siteId", v.SiteId), ("name", v.Name), ("doorDeviceId", v.DoorDeviceId))));
        yield return ("vaultWindows", plan.VaultWindows.Select(w => Row(
            ("vaultId", w.VaultId), ("from", T(w.From)), ("to", T(w.To)), ("purpose", w.Purpose), ("sessionId", w.SessionId))));
        yield return ("devices", plan.Devices.Select(d => Row(
            ("siteId", d.SiteId), ("deviceId", d.DeviceId), ("kind", d.Kind.ToWire()), ("room", d.Room), ("vaultId", d.VaultId))));
        yield return ("staff", plan.Staff.Select(s => Row(
            ("staffId", s.StaffId), ("name", s.Name), ("role", s.Role.ToWire()), ("siteId", s.SiteId), ("regionCode", s.RegionCode), ("account", s.Account))));
        yield return ("inspectors", plan.Inspectors.Select(i => Row(("staffId", i.StaffId), ("siteId", i.SiteId))));
        yield return ("bags", plan.BagList.Select(b => Row(
            ("bagId", b.BagId), ("sessionId", b.SessionId), ("siteId", b.SiteId), ("room", b.Room), ("paperSet", b.PaperSet),
            ("count", N(b.Count)), ("kind", b.Kind.ToWire()))));
    }

    private static Dictionary<string, string?> Row(params (string Key, string? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static string Csv(IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Quote)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Quote)).Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string T(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
