using CommandCenter.PlanTool;
using CommandCenter.Regions;
using CommandCenter.Simulator;
using CommandCenter.Simulator.Model;

namespace CommandCenter.Plan.Tests;

/// <summary>The plan shipped in plans/ is the simulated province's: same sites, rooms and devices.</summary>
public sealed class SamplePlanTests
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "plans", "hunan-2026-gaokao");

    [Fact]
    public void the_shipped_sample_reads_without_problems_and_matches_the_small_simulation()
    {
        var result = PlanReader.ReadPath(Shipped, RegionCatalog.Hunan);
        Assert.Empty(result.Problems);
        var plan = result.Plan!;

        var model = ProvinceModel.Build(RegionCatalog.Hunan, new SimulationOptions { Mode = SimulationMode.Small });
        Assert.Equal(model.Sites.Select(s => s.SiteId), plan.Sites.Select(s => s.SiteId));
        Assert.Equal(model.Sites.SelectMany(s => s.Rooms.Select(r => (s.SiteId, r.Room, r.Candidates))),
            plan.Rooms.Select(r => (r.SiteId, r.Room, r.ExpectedCandidates)));
        Assert.Equal(model.Sites.SelectMany(s => s.AllDevices.Select(d => (s.SiteId, d.DeviceId, d.Kind, d.Room))),
            plan.Devices.Select(d => (d.SiteId, d.DeviceId, d.Kind, d.Room)));
        Assert.All(plan.Vaults.Where(v => v.SiteId is not null), v => Assert.Equal("vault-door", v.DoorDeviceId));
    }

    [Fact]
    public void the_shipped_sample_is_what_the_generator_writes_today()
    {
        var model = ProvinceModel.Build(RegionCatalog.Hunan, new SimulationOptions { Mode = SimulationMode.Small });
        var generated = SamplePlan.Build(model, new DateOnly(2026, 6, 7));

        var shipped = PlanReader.ReadPath(Shipped, RegionCatalog.Hunan).Plan!;

        Assert.Equal(generated.Fingerprint, shipped.Fingerprint);
    }

    [Fact]
    public void the_province_sample_is_valid_too()
    {
        var model = ProvinceModel.Build(RegionCatalog.Hunan, new SimulationOptions { Mode = SimulationMode.Province });
        var plan = SamplePlan.Build(model, new DateOnly(2026, 6, 7));
        var files = PlanWriter.ToCsv(plan);

        var read = new PlanBuilder(RegionCatalog.Hunan).Build(CsvPlanReader.Read(files.Select(f => (f.Key, f.Value))));

        Assert.Empty(read.Problems);
        Assert.Equal(20_000, read.Plan!.Rooms.Count);
        Assert.Equal(plan.Fingerprint, read.Plan.Fingerprint);
    }

    [Fact]
    public void rebasing_moves_every_time_by_whole_days()
    {
        var plan = PlanReader.ReadPath(Shipped, RegionCatalog.Hunan).Plan!;

        var moved = PlanRebase.ToDay(plan, new DateOnly(2026, 11, 22));

        Assert.Equal(DateTimeOffset.Parse("2026-11-22T09:00:00+08:00"), moved.Sessions[0].Start);
        Assert.Equal(plan.Sessions[3].End.AddDays(168), moved.Sessions[3].End);
        Assert.Equal(plan.VaultWindows[0].From.AddDays(168), moved.VaultWindows[0].From);
        Assert.NotEqual(plan.Fingerprint, moved.Fingerprint);
        Assert.Same(moved, PlanRebase.ToDay(moved, new DateOnly(2026, 11, 22)));
    }
}
