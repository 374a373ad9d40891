using CommandCenter.Regions;

namespace CommandCenter.Contracts.Tests;

public sealed class RegionCatalogTests
{
    private readonly RegionCatalog _catalog = RegionCatalog.Hunan;

    [Fact]
    public void hunan_has_14_cities_and_122_counties()
    {
        Assert.Equal(14, _catalog.Cities.Count);
        Assert.Equal(122, _catalog.Counties.Count);
        Assert.Equal("长沙市", _catalog.Find("430100")!.Name);
        Assert.Equal("芙蓉区", _catalog.Find("430102")!.Name);
    }

    [Fact]
    public void code_prefixes_give_the_parent_of_every_county() =>
        Assert.All(_catalog.Counties, c => Assert.Equal(c.ParentCode, RegionCodes.ParentOf(c.Code)));

    [Theory]
    [InlineData("43", RegionLevel.Province)]
    [InlineData("430100", RegionLevel.City)]
    [InlineData("433100", RegionLevel.City)]
    [InlineData("430102", RegionLevel.County)]
    public void levels_come_from_the_code(string code, RegionLevel level) => Assert.Equal(level, RegionCodes.LevelOf(code));

    [Theory]
    [InlineData("4")]
    [InlineData("430000")]
    [InlineData("43010")]
    [InlineData("43a100")]
    public void non_codes_have_no_level(string code) => Assert.Null(RegionCodes.LevelOf(code));

    [Fact]
    public void a_county_seat_lies_inside_its_county_for_most_counties()
    {
        // Simplified boundaries move a few seats onto a border; the large majority must be inside.
        var inside = _catalog.Counties.Count(c => c.Contains(c.Center));
        Assert.True(inside >= 110, $"only {inside} of 122 seats inside their county");
    }

    [Fact]
    public void a_point_far_away_is_in_no_county() =>
        Assert.DoesNotContain(_catalog.Counties, c => c.Contains(new GeoPoint(100, 40)));
}
