using System.Globalization;
using System.Text;
using CommandCenter.Abstractions.Security;

namespace CommandCenter.Server.Security;

/// <summary>Auditors and administrators read and export the audit trail.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").RequireAuthorization(SecurityHosting.AuditPolicy);

        audit.MapGet("", async (DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, int? limit, AuditTrail trail) =>
            Results.Ok(await trail.Query(from, to, actor, action, Math.Clamp(limit ?? 1000, 1, 10_000))));

        audit.MapGet("/export", async (DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, AuditTrail trail, HttpContext http) =>
        {
            var entries = await trail.Query(from, to, actor, action, 100_000);
            await trail.Record(http, "audit_export", "audit", $"{entries.Count} entries");
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(entries))).ToArray(),
                "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
        });
        return app;
    }

    internal static string ToCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("sequence,at,actor,role,from,action,target,detail\n");
        foreach (var e in entries)
        {
            csv.AppendJoin(',', e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture),
                Cell(e.Actor), Cell(e.ActorRole), Cell(e.From), Cell(e.Action), Cell(e.Target), Cell(e.Detail)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Quotes a CSV cell and defuses spreadsheet formulas (=, +, -, @) in free text.</summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
