namespace CommandCenter.Regions;

/// <summary>GB/T 2260 code arithmetic: every level is a prefix of the one below it.</summary>
public static class RegionCodes
{
    /// <summary>The level a code names, or null when it is not a region code.</summary>
    public static RegionLevel? LevelOf(string code)
    {
        if (code.Length == 2 && code.All(char.IsAsciiDigit))
        {
            return RegionLevel.Province;
        }

        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || code.EndsWith("0000", StringComparison.Ordinal))
        {
            return null;
        }

        return code.EndsWith("00", StringComparison.Ordinal) ? RegionLevel.City : RegionLevel.County;
    }

    /// <summary>The parent of a region (county → city → province), null for a province.</summary>
    public static string? ParentOf(string code) => LevelOf(code) switch
    {
        RegionLevel.County => code[..4] + "00",
        RegionLevel.City => code[..2],
        _ => null,
    };

    /// <summary>The prefix every region and site inside <paramref name="code"/> starts with (a province's 2 digits, a city's 4, a county's 6).</summary>
    public static string PrefixOf(string code) => LevelOf(code) == RegionLevel.City ? code[..4] : code;

    /// <summary>Whether the region or site <paramref name="inner"/> lies inside the region <paramref name="outer"/> (or is it).</summary>
    public static bool IsWithin(string inner, string outer) => inner.StartsWith(PrefixOf(outer), StringComparison.Ordinal);

    /// <summary>The county of a site id (its first six digits).</summary>
    public static string CountyOfSite(string siteId) => siteId[..6];
}
