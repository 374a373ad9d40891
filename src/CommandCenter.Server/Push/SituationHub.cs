using CommandCenter.Server.Api;
using CommandCenter.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Server.Push;

/// <summary>
/// Thin hub: a client subscribes to regions and sites, gets a full snapshot back at once, then
/// batched changes as <c>changes</c> messages (see <see cref="ChangesDto"/>). After a reconnect
/// the client subscribes again and so re-syncs from a fresh snapshot.
/// </summary>
[Authorize]
public sealed class SituationHub(SituationRelay relay, SituationReader reader) : Hub
{
    public const string Path = "/hubs/situation";
    public const string ChangesMethod = "changes";

    public async Task<RegionDto> SubscribeRegion(string code)
    {
        var topic = SituationTopic.Region(code);
        if (reader.Catalog.Find(code) is null)
        {
            throw new HubException($"Unknown region {Shorten(code)}");
        }

        if (!AccessScope.Of(Context.User!).CanReadRegion(code))
        {
            throw new HubException($"Region {code} is outside your scope");
        }

        await relay.Subscribe(Context.ConnectionId, topic);
        return (await reader.Region(code))!;
    }

    public async Task<SiteDto> SubscribeSite(string siteId)
    {
        if (!CommandCenter.Contracts.Protocol.Identifiers.IsSiteId(siteId))
        {
            throw new HubException($"Not a site id: {Shorten(siteId)}");
        }

        if (!AccessScope.Of(Context.User!).CanReadSite(siteId))
        {
            throw new HubException($"Site {siteId} is outside your scope");
        }

        var topic = SituationTopic.Site(siteId);
        await relay.Subscribe(Context.ConnectionId, topic);
        if (await reader.Site(siteId) is { } snapshot)
        {
            return snapshot;
        }

        await relay.Unsubscribe(Context.ConnectionId, topic);
        throw new HubException($"Site {siteId} has not reported");
    }

    public Task UnsubscribeRegion(string code) => relay.Unsubscribe(Context.ConnectionId, SituationTopic.Region(code));

    public Task UnsubscribeSite(string siteId) => relay.Unsubscribe(Context.ConnectionId, SituationTopic.Site(siteId));

    public override Task OnDisconnectedAsync(Exception? exception) => relay.Drop(Context.ConnectionId);

    private static string Shorten(string? value) => value is null ? "(null)" : value.Length > 16 ? value[..16] + "…" : value;
}
