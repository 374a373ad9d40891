using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Simulator.Model;

namespace CommandCenter.Simulator.Tests;

public sealed class ProvinceModelTests
{
    private static readonly RegionCatalog Hunan = RegionCatalog.Hunan;

    [Fact]
    public void same_seed_builds_the_same_province()
    {
        var first = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Province });
        var second = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Province });

        Assert.Equal(Describe(first), Describe(second));
    }

    [Fact]
    public void another_seed_places_the_sites_elsewhere()
    {
        var first = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Small, Seed = 1 });
        var second = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Small, Seed = 2 });

        Assert.NotEqual(first.Sites.Select(s => s.Location), second.Sites.Select(s => s.Location));
    }

    [Fact]
    public void small_mode_has_one_site_of_eight_rooms_per_county()
    {
        var model = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Small });

        Assert.Equal(122, model.Sites.Count);
        Assert.All(model.Sites, s => Assert.Equal(8, s.Rooms.Count));
        Assert.Equal(Hunan.Counties.Select(c => c.Code), model.Sites.Select(s => s.CountyCode));
    }

    [Fact]
    public void province_mode_has_about_400_sites_of_50_rooms_3_or_4_per_county()
    {
        var model = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Province });

        Assert.InRange(model.Sites.Count, 390, 410);
        Assert.All(model.Sites, s => Assert.Equal(50, s.Rooms.Count));
        Assert.All(model.Sites.GroupBy(s => s.CountyCode), g => Assert.InRange(g.Count(), 3, 4));
        Assert.Equal(122, model.Sites.Select(s => s.CountyCode).Distinct().Count());
        Assert.InRange(model.RoomCount, 19_500, 20_500);
    }

    [Fact]
    public void explicit_sizes_override_the_mode()
    {
        var model = ProvinceModel.Build(Hunan,
            new SimulationOptions { Mode = SimulationMode.Province, SitesPerCounty = 2, RoomsPerSite = 3 });

        Assert.Equal(244, model.Sites.Count);
        Assert.All(model.Sites, s => Assert.Equal(3, s.Rooms.Count));
    }

    [Fact]
    public void off_mode_builds_no_sites()
    {
        Assert.Empty(ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Off }).Sites);
    }

    [Fact]
    public void invalid_options_are_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Small, RoomsPerSite = 1000 }));

        Assert.Contains("RoomsPerSite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void every_site_lies_inside_its_county_or_at_its_seat()
    {
        var model = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Province });

        Assert.All(model.Sites, site =>
        {
            var county = Hunan.Find(site.CountyCode)!;
            Assert.True(county.Contains(site.Location) || site.Location == county.Center, $"{site.SiteId} at {site.Location}");
        });
        Assert.True(model.Sites.Count(s => s.Location != Hunan.Find(s.CountyCode)!.Center) > 390,
            "rejection sampling should place nearly every site away from the seat");
    }

    [Fact]
    public void site_ids_are_unique_8_digits_starting_with_their_county_code()
    {
        var model = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Province });

        Assert.All(model.Sites, site =>
        {
            Assert.True(Identifiers.IsSiteId(site.SiteId), site.SiteId);
            Assert.StartsWith(site.CountyCode, site.SiteId, StringComparison.Ordinal);
            Assert.Equal(Hunan.Find(site.CountyCode)!.ParentCode, site.CityCode);
            Assert.EndsWith("考点", site.Name, StringComparison.Ordinal);
        });
        Assert.Equal(model.Sites.Count, model.Sites.Select(s => s.SiteId).Distinct().Count());
        Assert.Contains(model.Sites, s => s.SiteId == "43010201" && s.Name == "芙蓉区第1考点");
    }

    [Fact]
    public void every_room_has_clock_jammer_detector_reader_and_camera()
    {
        var site = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Province }).Sites[0];
        var room = site.Rooms[14];

        Assert.Equal("015", room.Room);
        Assert.Equal(30, room.Candidates);
        Assert.Equal(
            [("r015-clock", DeviceKind.Clock), ("r015-jammer", DeviceKind.Jammer), ("r015-md", DeviceKind.MetalDetector),
             ("r015-id", DeviceKind.IdReader), ("r015-cam", DeviceKind.Camera)],
            room.Devices.Select(d => (d.DeviceId, d.Kind)));
        Assert.All(room.Devices, d => Assert.Equal("015", d.Room));
        Assert.Equal("050", site.Rooms[^1].Room);
    }

    [Fact]
    public void every_site_has_a_vault_door_two_vault_cameras_and_a_gate_reader()
    {
        var site = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Small }).Sites[0];

        Assert.Equal(
            [("vault-door", DeviceKind.VaultDoor), ("vault-cam1", DeviceKind.Camera), ("vault-cam2", DeviceKind.Camera),
             ("gate-id1", DeviceKind.IdReader)],
            site.SiteDevices.Select(d => (d.DeviceId, d.Kind)));
        Assert.All(site.SiteDevices, d => Assert.Null(d.Room));
        Assert.Equal(8 * 5 + 4, site.AllDevices.Select(d => d.DeviceId).Distinct().Count());
        Assert.All(site.AllDevices, d => Assert.True(Identifiers.IsDeviceId(d.DeviceId)));
    }

    [Fact]
    public void admission_tickets_are_14_digits_and_unique_per_candidate()
    {
        var model = ProvinceModel.Build(Hunan, new SimulationOptions { Mode = SimulationMode.Small });
        var tickets = model.Sites
            .SelectMany(s => s.Rooms.SelectMany(r => Enumerable.Range(1, r.Candidates).Select(seat => AdmissionTickets.For(s.SiteId, r.Room, seat))))
            .ToList();

        Assert.All(tickets, t => Assert.Matches("^[0-9]{14}$", t));
        Assert.Equal(tickets.Count, tickets.Distinct().Count());
    }

    private static List<string> Describe(ProvinceModel model) =>
        model.Sites
            .Select(s => $"{s.SiteId}|{s.CountyCode}|{s.CityCode}|{s.Name}|{s.Location.Lon:R},{s.Location.Lat:R}|"
                + string.Join(",", s.AllDevices.Select(d => $"{d.DeviceId}:{d.Kind}:{d.Room}")))
            .ToList();
}
