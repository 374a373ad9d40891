using System.Text.Json;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;

namespace CommandCenter.Server.Custody;

/// <summary>
/// Orders a paper-set switch for a region: every site of the plan in the region is listed in a switch grain,
/// then receives a <c>switch_paper_set</c> command. Publishing is done here, outside grains: it fans out downwards.
/// </summary>
public sealed class PaperSwitchService(IGrainFactory grains, CommandPublisher publisher, TimeProvider time, ILogger<PaperSwitchService> logger)
{
    public sealed record Request(string? Region, string? SessionId, string? Subject, string? FromSet, string? ToSet, int? AckTimeoutSeconds);

    /// <summary>The switch's view, or a problem in words when nothing can be ordered.</summary>
    public async Task<(PaperSwitchView? View, string? Problem)> Order(Request request, string orderedBy, CancellationToken cancellationToken)
    {
        var plan = await grains.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetPlan();
        if (plan is null)
        {
            return (null, "no exam plan is loaded: the sites of the region are not known");
        }

        var prefix = RegionPrefix(request.Region!);
        var sites = plan.Sites.Select(s => s.SiteId).Where(s => s.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (sites.Count == 0)
        {
            return (null, $"the plan lists no site in region {request.Region}");
        }

        var rules = await grains.GetGrain<IHandlingRulesGrain>(plan.ExamId).Get();
        var timeout = TimeSpan.FromSeconds(request.AckTimeoutSeconds ?? rules.SwitchAckTimeoutSeconds);
        var now = time.GetUtcNow();
        var id = $"{PaperSwitchOrder.Prefix}{now:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..32];
        var order = new PaperSwitchOrder(id, request.Region!, request.SessionId, request.Subject, request.FromSet ?? "A", request.ToSet!,
            orderedBy, now, timeout, sites);
        var sw = grains.GetGrain<IPaperSwitchGrain>(id);
        await sw.Start(order);
        await grains.GetGrain<IPaperSwitchDirectoryGrain>("all").Add(id);

        foreach (var site in sites)
        {
            try
            {
                await publisher.Publish(site, Command(order, site), cancellationToken);
                await sw.MarkSent(site, time.GetUtcNow());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The site stays pending and turns overdue: an unsent command is an alarm like an unanswered one.
                logger.LogWarning(ex, "Paper switch {SwitchId}: the command to site {SiteId} could not be published", id, site);
            }
        }

        return (await sw.GetView(), null);
    }

    private static string Command(PaperSwitchOrder order, string siteId)
    {
        var payload = new Dictionary<string, string?>
        {
            ["msgId"] = order.CommandMsgId(siteId),
            ["ts"] = Identifiers.FormatTimestamp(order.OrderedAt),
            ["type"] = "switch_paper_set",
            ["set"] = order.ToSet,
            ["from"] = order.FromSet,
            ["session"] = order.SessionId,
            ["subject"] = order.Subject,
        };
        return JsonSerializer.Serialize(payload.Where(p => p.Value is not null).ToDictionary());
    }

    private static string RegionPrefix(string code) => RegionCodes.LevelOf(code) switch
    {
        RegionLevel.City => code[..4],
        _ => code,
    };
}
