using System.Collections.Concurrent;
using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PushTests(ClusterFixture fixture)
{
    [Fact]
    public async Task many_device_updates_reach_an_observer_as_few_batched_site_changes()
    {
        const string site = "43060201";
        var observer = new RecordingObserver();
        var reference = fixture.Grains.CreateObjectReference<ISituationObserver>(observer);
        var grain = fixture.Grains.GetGrain<ISiteGrain>(site);
        await fixture.Grains.Announce(site, true, "t", fixture.Time.GetUtcNow(), Updates.Inventory(10));
        await grain.Subscribe(reference);

        var ts = fixture.Time.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(1, 10).Select(r => fixture.Grains.GetGrain<IRoomGrain>(GrainKeys.Room(site, Updates.Room(r)))
            .Apply(Updates.RoomKinds.Select(k => Updates.Status(Updates.Room(r), k, DeviceState.Ok, ts)).ToList())));

        var seen = await Eventually.Holds(() => Task.FromResult(observer.Sites.SelectMany(c => c.Devices).Select(d => d.Id).Distinct().Count()), n => n == 50);
        Assert.Equal(50, seen);
        Assert.True(observer.Sites.Count < 10, $"{observer.Sites.Count} pushes for 10 room updates: not batched");
        Assert.Equal(50, observer.Sites.Last().Tally.DevicesOk);
        await grain.Unsubscribe(reference);
    }

    [Fact]
    public async Task a_county_pushes_its_changed_sites()
    {
        var observer = new RecordingObserver();
        var reference = fixture.Grains.CreateObjectReference<ISituationObserver>(observer);
        await fixture.Grains.GetGrain<IRegionGrain>("430702").Subscribe(reference);

        await fixture.Grains.GetGrain<IRoomGrain>(GrainKeys.Room("43070201", "001"))
            .Apply([Updates.Status("001", DeviceKind.Jammer, DeviceState.Fault, fixture.Time.GetUtcNow())]);

        var change = await Eventually.Holds(() => Task.FromResult(observer.Regions.LastOrDefault()), c => c is not null);
        Assert.NotNull(change);
        Assert.Equal("430702", change.Code);
        Assert.Equal(1, Assert.Single(change.Children, c => c.Code == "43070201").Tally.DevicesFault);
    }

    private sealed class RecordingObserver : ISituationObserver
    {
        public ConcurrentQueue<SiteChange> Sites { get; } = new();

        public ConcurrentQueue<RegionChange> Regions { get; } = new();

        public Task OnSiteChanged(SiteChange change)
        {
            Sites.Enqueue(change);
            return Task.CompletedTask;
        }

        public Task OnRegionChanged(RegionChange change)
        {
            Regions.Enqueue(change);
            return Task.CompletedTask;
        }
    }
}
