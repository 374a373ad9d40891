using CommandCenter.Abstractions.Security;

namespace CommandCenter.Server.Security;

/// <summary>Writes and reads the audit trail; one grain per UTC day keeps each append small.</summary>
public sealed class AuditTrail(IGrainFactory grains, TimeProvider time)
{
    private const int MaxDays = 400;

    public Task<AuditEntry> Record(HttpContext http, string action, string target, string? detail = null) =>
        Record(http.User.Identity?.Name ?? "(anonymous)", http.User.RoleOf()?.ToString(),
            http.Connection.RemoteIpAddress?.ToString(), action, target, detail);

    public Task<AuditEntry> Record(string actor, string? role, string? from, string action, string target, string? detail = null) =>
        Day(time.GetUtcNow()).Append(new AuditRecord(actor, role, from, action, Trim(target, 200) ?? "", Trim(detail, 1000)));

    /// <summary>Entries between <paramref name="from"/> and <paramref name="to"/> (at most 400 days), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> Query(DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, int limit)
    {
        var last = (to ?? time.GetUtcNow()).UtcDateTime.Date;
        var first = (from ?? last.AddDays(-30)).UtcDateTime.Date;
        if ((last - first).TotalDays > MaxDays)
        {
            first = last.AddDays(-MaxDays);
        }

        var result = new List<AuditEntry>();
        for (var day = first; day <= last && result.Count < limit; day = day.AddDays(1))
        {
            result.AddRange(await Day(day).Query(new AuditQuery(from, to, actor, action, 0, limit - result.Count)));
        }

        return result;
    }

    private IAuditLogGrain Day(DateTimeOffset at) => Day(at.UtcDateTime.Date);

    private IAuditLogGrain Day(DateTime day) => grains.GetGrain<IAuditLogGrain>(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    private static string? Trim(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] + "…" : value;
}
