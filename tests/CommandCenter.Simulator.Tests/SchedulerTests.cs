using CommandCenter.Regions;
using CommandCenter.Simulator.Model;

namespace CommandCenter.Simulator.Tests;

public sealed class SchedulerTests
{
    [Fact]
    public void status_cycle_visits_every_room_and_every_site_once_spreading_each_site_over_the_interval()
    {
        var model = ProvinceModel.Build(RegionCatalog.Hunan, new SimulationOptions { Mode = SimulationMode.Small });

        var slots = ProvinceSimulation.InterleavedStatusSlots(model);

        Assert.Equal(model.RoomCount + model.Sites.Count, slots.Length);
        Assert.Equal(slots.Length, slots.Distinct().Count());
        var firstSite = slots.Select((s, i) => (s, i)).Where(x => x.s.Agent == 0).Select(x => x.i).ToList();
        Assert.Equal(9, firstSite.Count);
        Assert.All(firstSite.Zip(firstSite.Skip(1)), p => Assert.Equal(model.Sites.Count, p.Second - p.First));
    }
}
