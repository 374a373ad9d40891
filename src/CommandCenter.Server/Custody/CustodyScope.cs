using CommandCenter.Abstractions.Security;
using CommandCenter.Regions;
using CommandCenter.Server.Security;

namespace CommandCenter.Server.Custody;

/// <summary>Who may take which custody step, on top of the read scope (<see cref="AccessScope"/>).</summary>
internal static class CustodyScope
{
    /// <summary>Handovers are recorded by site chiefs, inspectors and the county/city/province command rooms (for vault steps).</summary>
    public static bool MayRecordHandover(AccessScope scope) => scope.Role is Role.SiteChief or Role.PatrolInspector
        or Role.CountyOperator or Role.CityOperator or Role.ProvincialCommander;

    /// <summary>Approving backup papers and ordering a paper switch are commanders' decisions.</summary>
    public static bool IsCommander(AccessScope scope) => scope.Role is Role.ProvincialCommander or Role.CityOperator or Role.CountyOperator;

    public static bool MayRegisterBags(AccessScope scope) => IsCommander(scope) || scope.Role == Role.Administrator;

    public static bool MaySetRules(AccessScope scope, RegionCatalog catalog) =>
        scope.Role == Role.Administrator || (scope.Role == Role.ProvincialCommander && scope.SeesProvince(catalog));

    /// <summary>The counties whose bag indexes cover <paramref name="region"/>.</summary>
    public static IEnumerable<string> CountiesOf(string region, RegionCatalog catalog) => RegionCodes.LevelOf(region) switch
    {
        RegionLevel.Province => catalog.Counties.Select(c => c.Code),
        RegionLevel.City => catalog.ChildrenOf(region).Select(c => c.Code),
        RegionLevel.County => [region],
        _ => [],
    };

    public static IResult NotAllowed(HttpContext http, string what) =>
        Results.Problem($"Account '{http.User.Identity?.Name}' ({AccessScope.Of(http.User).Role}) may not {what}.", statusCode: 403, title: "Not allowed");

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
