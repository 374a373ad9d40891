using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;

namespace CommandCenter.Server.Api;

/// <summary>Reads regions and sites from their grains and names them from the region catalog.</summary>
public sealed class SituationReader(IGrainFactory grains, RegionCatalog catalog)
{
    public RegionCatalog Catalog => catalog;

    /// <summary>Null when the code is not a region of this province.</summary>
    public async Task<RegionDto?> Region(string code)
    {
        var region = catalog.Find(code);
        if (region is null)
        {
            return null;
        }

        var snapshot = await grains.GetGrain<IRegionGrain>(code).GetSnapshot();
        var tallies = snapshot.Children.ToDictionary(c => c.Code, c => c.Tally, StringComparer.Ordinal);
        var children = region.Level == RegionLevel.County
            ? snapshot.Children.Select(c => new RegionChildDto(c.Code, null, c.Tally)).ToList()
            : catalog.ChildrenOf(code).Select(c => new RegionChildDto(c.Code, c.Name, tallies.GetValueOrDefault(c.Code))).ToList();
        return new RegionDto(region.Code, region.Name, region.Level, region.ParentCode, snapshot.Tally, children, snapshot.RecentEvents);
    }

    /// <summary>Null when the id is malformed or the site has never reported.</summary>
    public async Task<SiteDto?> Site(string siteId)
    {
        if (!Identifiers.IsSiteId(siteId))
        {
            return null;
        }

        var detail = await grains.GetGrain<ISiteGrain>(siteId).GetDetail();
        if (detail is null)
        {
            return null;
        }

        // The rooms are read here, not by the site grain: grains only ever call upwards.
        var holders = await Task.WhenAll(detail.Rooms.Select(r => r.Code == GrainKeys.Vault
            ? grains.GetGrain<IVaultGrain>(siteId).GetView()
            : grains.GetGrain<IRoomGrain>(GrainKeys.Room(siteId, r.Code)).GetView()));
        var county = RegionCodes.CountyOfSite(siteId);
        var devices = detail.SiteDevices.Concat(holders.SelectMany(h => h.Devices))
            .OrderBy(d => d.Room ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(DeviceDto.From)
            .ToList();
        return new SiteDto(siteId, county, catalog.Find(county)?.Name, detail.Online, detail.AgentVersion,
            detail.PresenceChangedAt, detail.Tally, detail.Rooms.Select(r => new RoomDto(r.Code, r.Tally)).ToList(),
            devices, detail.RecentEvents);
    }

    public RegionChangeDto Describe(RegionChange change)
    {
        // A county's children are sites, which have no name in the region catalog.
        var childrenAreSites = catalog.Find(change.Code)?.Level == RegionLevel.County;
        return new RegionChangeDto(change.Code, change.Tally, change.Children
            .Select(c => new RegionChildDto(c.Code, childrenAreSites ? null : catalog.Find(c.Code)?.Name, c.Tally))
            .ToList(), change.Events);
    }
}
