using System.Globalization;
using CommandCenter.Abstractions;
using CommandCenter.Regions;
using CommandCenter.Server.Api;
using CommandCenter.Server.Push;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Dashboard;

/// <summary>A site as the map holds it: where, what it is called, its counts and colour.</summary>
public sealed record LiveSite(SiteInfo Info, Tally Counts, SiteStatus Status)
{
    public string SiteId => Info.SiteId;

    public string CountyCode => RegionCodes.CountyOfSite(Info.SiteId);
}

/// <summary>What one push changed: sites whose counts moved, notable events, the watched site's changes, alarms that changed.</summary>
public sealed record LiveUpdate(
    DateTimeOffset ServerTime,
    IReadOnlyList<LiveSite> ChangedSites,
    IReadOnlyList<EventView> NewEvents,
    IReadOnlyList<SiteChangeDto> SiteChanges,
    IReadOnlyList<AlarmDto>? Alarms = null);

/// <summary>
/// One dashboard circuit's live view of every site in its user's scope. It subscribes to the
/// counties holding those sites through this silo's <see cref="SituationRelay"/> (so a push is
/// already merged, ≤ 4 a second) and to at most one site for the site panel. Scope is applied
/// here, on the server: a site outside it never enters this object.
/// </summary>
public sealed class LiveSituation(SituationRelay relay, SituationReader reader, SiteDirectory directory, ILogger<LiveSituation> logger) : IAsyncDisposable
{
    private const int EventCount = 50;

    private readonly string _subscriberId = "dashboard:" + Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LiveSite> _sites = new(StringComparer.Ordinal);
    private readonly List<EventView> _events = [];
    private AccessScope? _scope;
    private string? _watchedSite;
    private CultureInfo _culture = CultureInfo.CurrentCulture;
    private CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    /// <summary>Raised after each push, on the relay's thread; handlers marshal to their renderer.</summary>
    public event Func<LiveUpdate, Task>? Updated;

    public bool Started => _scope is not null;

    public RegionCatalog Catalog => reader.Catalog;

    public AccessScope Scope => _scope ?? throw new InvalidOperationException("Not started");

    /// <summary>The counties whose sites this scope may see (a whole region, or the counties of single sites).</summary>
    public static IReadOnlyList<string> CountiesOf(AccessScope scope, RegionCatalog catalog)
    {
        var counties = new SortedSet<string>(StringComparer.Ordinal);
        if (scope.RegionCode is { } region)
        {
            counties.UnionWith(catalog.Counties.Select(c => c.Code).Where(c => RegionCodes.IsWithin(c, region)));
        }

        counties.UnionWith(scope.Sites.Where(s => s.Length >= 6).Select(RegionCodes.CountyOfSite));
        counties.UnionWith(scope.Cameras.Where(c => c.Length >= 6).Select(RegionCodes.CountyOfSite));
        return counties.Where(c => catalog.Find(c) is not null).ToList();
    }

    public async Task StartAsync(AccessScope scope)
    {
        _scope = scope;
        // Pushes arrive on the relay's thread: render them in the language of the circuit that started this.
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        relay.Attach(_subscriberId, Deliver);
        var counties = CountiesOf(scope, reader.Catalog);
        // Subscribe first, then read: a change between the two arrives as a push and is not lost.
        foreach (var county in counties)
        {
            await relay.Subscribe(_subscriberId, SituationTopic.Region(county));
        }

        var snapshots = await Task.WhenAll(counties.Select(reader.Region));
        lock (_gate)
        {
            foreach (var county in snapshots.OfType<RegionDto>())
            {
                foreach (var child in county.Children)
                {
                    Upsert(child.Code, child.Counts);
                }

                _events.AddRange(county.RecentEvents.Where(e => scope.CanReadSite(e.SiteId)));
            }

            _events.Sort((a, b) => b.Ts.CompareTo(a.Ts));
            if (_events.Count > EventCount)
            {
                _events.RemoveRange(EventCount, _events.Count - EventCount);
            }
        }
    }

    public IReadOnlyList<LiveSite> Sites
    {
        get
        {
            lock (_gate)
            {
                return _sites.Values.ToList();
            }
        }
    }

    public IReadOnlyList<LiveSite> SitesIn(string regionCode) => Sites.Where(s => RegionCodes.IsWithin(s.SiteId, regionCode)).ToList();

    public IReadOnlyList<EventView> EventsIn(string regionCode)
    {
        lock (_gate)
        {
            return _events.Where(e => RegionCodes.IsWithin(e.SiteId, regionCode)).ToList();
        }
    }

    public LiveSite? Site(string siteId)
    {
        lock (_gate)
        {
            return _sites.GetValueOrDefault(siteId);
        }
    }

    /// <summary>Opens the site panel's live feed; null when outside the scope or never reported.</summary>
    public async Task<SiteDto?> WatchSiteAsync(string siteId)
    {
        if (!Scope.CanReadSite(siteId) || !CommandCenter.Contracts.Protocol.Identifiers.IsSiteId(siteId))
        {
            return null;
        }

        if (_watchedSite is { } previous && previous != siteId)
        {
            await relay.Unsubscribe(_subscriberId, SituationTopic.Site(previous));
        }

        _watchedSite = siteId;
        await relay.Subscribe(_subscriberId, SituationTopic.Site(siteId));
        return await reader.Site(siteId);
    }

    public async Task UnwatchSiteAsync()
    {
        if (_watchedSite is { } site)
        {
            _watchedSite = null;
            await relay.Unsubscribe(_subscriberId, SituationTopic.Site(site));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Updated = null;
        await relay.Drop(_subscriberId);
    }

    private async Task Deliver(ChangesDto changes)
    {
        var scope = _scope;
        if (scope is null)
        {
            return;
        }

        var changed = new List<LiveSite>();
        var events = new List<EventView>();
        lock (_gate)
        {
            foreach (var region in changes.Regions)
            {
                foreach (var child in region.Children.Where(c => scope.CanReadSite(c.Code)))
                {
                    changed.Add(Upsert(child.Code, child.Counts));
                }

                events.AddRange(region.Events.Where(e => scope.CanReadSite(e.SiteId)));
            }

            events.Sort((a, b) => b.Ts.CompareTo(a.Ts));
            _events.InsertRange(0, events);
            if (_events.Count > EventCount)
            {
                _events.RemoveRange(EventCount, _events.Count - EventCount);
            }
        }

        var sites = changes.Sites.Where(s => s.SiteId == _watchedSite).ToList();
        var alarms = changes.Alarms.Where(a => scope.CanReadSite(a.SiteId)).ToList();
        if (Updated is { } handlers && (changed.Count > 0 || events.Count > 0 || sites.Count > 0 || alarms.Count > 0))
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            var update = new LiveUpdate(changes.ServerTime, changed, events, sites, alarms);
            foreach (var handler in handlers.GetInvocationList().Cast<Func<LiveUpdate, Task>>())
            {
                try
                {
                    await handler(update);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One screen's failure must not stop the others' updates; it is an error worth seeing.
                    logger.LogError(ex, "A dashboard could not apply a live update");
                }
            }
        }
    }

    private LiveSite Upsert(string siteId, Tally counts)
    {
        var site = new LiveSite(_sites.TryGetValue(siteId, out var known) ? known.Info : directory.Locate(siteId), counts, SiteStatuses.Of(counts));
        _sites[siteId] = site;
        return site;
    }
}
