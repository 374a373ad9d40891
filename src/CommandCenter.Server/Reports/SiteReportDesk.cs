using System.Buffers;
using System.Text.Json;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Abstractions.Security;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Ingest;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Reports;

/// <summary>A site report typed by a site chief: the same fields as the MQTT message (EDGE-PROTOCOL, "Site report").</summary>
public sealed record SiteReportRequest(string? SiteId, string? Type, string? Session, string? Text, string? By);

public enum SiteReportOutcome
{
    Accepted,
    /// <summary>A field is missing or wrong (<see cref="SiteReportResult.Field"/>).</summary>
    Invalid,
    /// <summary>Not one of the caller's sites (unknown sites are not told apart).</summary>
    OutOfScope,
    /// <summary>Only site chiefs file their sites' reports.</summary>
    NotAllowed,
    /// <summary>Ingest did not take it in time (overloaded, or the site over its message rate).</summary>
    NotTaken,
    /// <summary>The account used up its writes for this minute.</summary>
    Throttled,
}

/// <summary>A site a chief files reports for, with the plan's sessions (none without a plan).</summary>
public sealed record ChiefSite(string SiteId, string Name, IReadOnlyList<ExamSession> Sessions);

public sealed record SiteReportResult(SiteReportOutcome Outcome, string? Field = null, string? Problem = null, string? MsgId = null, DateTimeOffset? At = null);

/// <summary>
/// Files a zero-report (零报告) or an incident report for a site chief's site. It is published into ingest as the
/// site's own <c>cc/v1/site/{id}/report</c> message would be, so the parser, the de-duplication, the site grain and
/// the zero-report rule treat both alike; the filing is written to the audit trail.
/// </summary>
public sealed class SiteReportDesk(IngestPipeline pipeline, IGrainFactory grains, AuditTrail audit, TimeProvider time)
{
    public const string AuditAction = "site_report";
    public const int MaxTextLength = 2000;
    private static readonly TimeSpan TakeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The sessions of the imported plan a report can be about (empty without a plan).</summary>
    public async Task<IReadOnlyList<ExamSession>> SessionsOf(string siteId) =>
        (await grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetSitePlan(siteId))?.Sessions ?? [];

    /// <summary>The sites a chief files for, with their names and sessions from the plan.</summary>
    public async Task<IReadOnlyList<ChiefSite>> SitesOf(AccessScope scope)
    {
        var plan = grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey);
        var sites = new List<ChiefSite>();
        foreach (var siteId in scope.Sites.Where(s => MayFile(scope, s)).Order(StringComparer.Ordinal))
        {
            var sitePlan = await plan.GetSitePlan(siteId);
            sites.Add(new ChiefSite(siteId, sitePlan?.Site?.Name ?? siteId, sitePlan?.Sessions ?? []));
        }

        return sites;
    }

    public static bool MayFile(AccessScope scope, string siteId) => scope.Role == Role.SiteChief && scope.Sites.Contains(siteId);

    public async Task<SiteReportResult> Submit(SiteReportRequest request, AccessScope scope, AdminActor actor, CancellationToken cancellationToken = default)
    {
        if (request.SiteId is not { } siteId || !Identifiers.IsSiteId(siteId))
        {
            return new SiteReportResult(SiteReportOutcome.Invalid, "siteId", "an 8-digit site id");
        }

        if (!scope.CanReadSite(siteId))
        {
            return new SiteReportResult(SiteReportOutcome.OutOfScope, Problem: $"site {siteId}");
        }

        if (!MayFile(scope, siteId))
        {
            return new SiteReportResult(SiteReportOutcome.NotAllowed, Problem: "only the site's chief files its reports");
        }

        if (await Problem(request, siteId) is { } problem)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var msgId = $"chief-{Guid.NewGuid():N}";
        var by = string.IsNullOrWhiteSpace(request.By) ? actor.Name : request.By.Trim();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["msgId"] = msgId,
            ["ts"] = now.ToString("O"),
            ["type"] = request.Type,
            ["session"] = string.IsNullOrWhiteSpace(request.Session) ? null : request.Session,
            ["text"] = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim(),
            ["by"] = by.Length > Identifiers.MaxIdLength ? by[..Identifiers.MaxIdLength] : by,
        });

        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ack = new DeliveryAck(() =>
        {
            taken.TrySetResult();
            return Task.CompletedTask;
        });
        await pipeline.Enqueue($"cc/v1/site/{siteId}/report", new ReadOnlySequence<byte>(payload), ack, cancellationToken);
        try
        {
            await taken.Task.WaitAsync(TakeTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            await audit.Record(actor.Name, actor.Role, actor.From, AuditAction, siteId, $"{request.Type} {request.Session}: not taken in time ({msgId})");
            return new SiteReportResult(SiteReportOutcome.NotTaken, Problem: "ingest did not take the report in time; try again", MsgId: msgId);
        }

        await audit.Record(actor.Name, actor.Role, actor.From, AuditAction, siteId, $"{request.Type} {request.Session} ({msgId})");
        return new SiteReportResult(SiteReportOutcome.Accepted, MsgId: msgId, At: now);
    }

    private async Task<SiteReportResult?> Problem(SiteReportRequest request, string siteId)
    {
        if (request.Type is not ("zero" or "incident"))
        {
            return new SiteReportResult(SiteReportOutcome.Invalid, "type", "zero or incident");
        }

        if (request.Text is { Length: > MaxTextLength })
        {
            return new SiteReportResult(SiteReportOutcome.Invalid, "text", $"at most {MaxTextLength} characters");
        }

        if (request.Type == "incident" && string.IsNullOrWhiteSpace(request.Text))
        {
            return new SiteReportResult(SiteReportOutcome.Invalid, "text", "an incident report says what happened");
        }

        if (request.By is { Length: > Identifiers.MaxIdLength })
        {
            return new SiteReportResult(SiteReportOutcome.Invalid, "by", $"at most {Identifiers.MaxIdLength} characters");
        }

        if (string.IsNullOrWhiteSpace(request.Session))
        {
            return request.Type == "zero" ? new SiteReportResult(SiteReportOutcome.Invalid, "session", "a zero-report is about one session") : null;
        }

        var sessions = await SessionsOf(siteId);
        return sessions.Any(s => s.SessionId == request.Session)
            ? null
            : new SiteReportResult(SiteReportOutcome.Invalid, "session", $"no session '{request.Session}' in the exam plan");
    }
}
