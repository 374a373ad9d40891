using System.Security.Claims;
using CommandCenter.Abstractions.Security;
using CommandCenter.Regions;

namespace CommandCenter.Server.Security;

/// <summary>
/// What one signed-in person may read. Enforced on the server for every API call, hub subscription
/// and page: a region is readable when it is the account's region or lies inside it; a site when it
/// is in the account's region, among its sites, or holds one of its cameras.
/// </summary>
public sealed class AccessScope(Role? role, string? region, IReadOnlySet<string> sites, IReadOnlySet<string> cameras)
{
    public Role? Role => role;

    public string? RegionCode => region;

    public IReadOnlySet<string> Sites => sites;

    public IReadOnlySet<string> Cameras => cameras;

    public static AccessScope Of(ClaimsPrincipal user) => new(
        user.Identity?.IsAuthenticated == true ? user.RoleOf() : null,
        user.FindFirstValue(CommandCenterClaims.Region),
        user.FindAll(CommandCenterClaims.Site).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindAll(CommandCenterClaims.Camera).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));

    public bool CanReadRegion(string code) => region is not null && RegionCodes.IsWithin(code, region)
        && (RegionCodes.LevelOf(code) is not null);

    public bool CanReadSite(string siteId) =>
        (region is not null && RegionCodes.IsWithin(siteId, region))
        || sites.Contains(siteId)
        || cameras.Any(c => c.StartsWith(siteId + ".", StringComparison.Ordinal));

    /// <summary>Ingest statistics and accounts are for the province's commanders, auditors and administrators.</summary>
    public bool SeesProvince(RegionCatalog catalog) => region == catalog.Province.Code;
}
