using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Server.Security;
using static CommandCenter.Server.Custody.BagEndpoints;

namespace CommandCenter.Server.Custody;

/// <summary>What a handover came to: the bag's verdict, or the field at fault / why it was not allowed.</summary>
public sealed record HandoverResult(CustodyOutcome? Outcome, string? Field = null, string? Problem = null, bool OutOfScope = false, bool NotAllowed = false);

/// <summary>
/// The custody steps people take and the bag reads they make, for the API and the custody screen
/// alike: the same checks, scope, audit entries.
/// </summary>
public sealed class CustodyDesk(IGrainFactory grains, RegionCatalog catalog, AuditTrail audit, TimeProvider time)
{
    /// <summary>A bag, or null when unknown or outside the scope (the two answer alike: a bag id must not reveal where papers are).</summary>
    public async Task<BagDetail?> Find(string bagId, AccessScope scope)
    {
        var detail = Identifiers.IsDeviceId(bagId) ? await grains.GetGrain<IPaperBagGrain>(bagId).GetDetail() : null;
        return detail is not null && scope.CanReadSite(detail.Spec.SiteId) ? detail : null;
    }

    /// <summary>Bags in a region (or the scope's sites) the scope may read, optionally in one state.</summary>
    public async Task<IReadOnlyList<BagSummary>> List(AccessScope scope, string? region, BagState? state)
    {
        var counties = region is not null ? CustodyScope.CountiesOf(region, catalog) : scope.RegionCode is { } home
            ? CustodyScope.CountiesOf(home, catalog)
            : scope.Sites.Select(RegionCodes.CountyOfSite).Distinct(StringComparer.Ordinal);
        return await ListIn(counties, state, scope);
    }

    /// <summary>Bags the indexes of <paramref name="counties"/> hold that the scope may read, optionally in one state.</summary>
    public async Task<IReadOnlyList<BagSummary>> ListIn(IEnumerable<string> counties, BagState? state, AccessScope scope)
    {
        var lists = await Task.WhenAll(counties.Select(c => grains.GetGrain<IBagIndexGrain>(c).List(state)));
        return lists.SelectMany(l => l).Where(b => scope.CanReadSite(b.SiteId)).ToList();
    }

    public async Task<HandoverResult> Handover(HandoverRequest request, AccessScope scope, AdminActor actor)
    {
        if (HandoverProblem(request) is { } problem)
        {
            return new HandoverResult(null, problem.Field, problem.Message);
        }

        if (!scope.CanReadSite(request.SiteId!))
        {
            return new HandoverResult(null, Problem: $"site {request.SiteId}", OutOfScope: true);
        }

        if (!CustodyScope.MayRecordHandover(scope))
        {
            return new HandoverResult(null, Problem: "record paper handovers", NotAllowed: true);
        }

        var now = time.GetUtcNow();
        var record = new CustodyRecord(request.SiteId!, request.MsgId ?? $"tablet-{Guid.NewGuid():N}", now, request.Action!, request.Room,
            request.Staff!.ToArray(), request.Count, request.Note, now, $"tablet:{actor.Name}");
        var outcome = await grains.GetGrain<IPaperBagGrain>(request.Bag!).Apply(record);
        await audit.Record(actor.Name, actor.Role, actor.From, "custody", request.Bag!, $"{request.Action} at {request.SiteId}: {Describe(outcome)}");
        return new HandoverResult(outcome);
    }
}
