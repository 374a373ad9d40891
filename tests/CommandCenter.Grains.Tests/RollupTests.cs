using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RollupTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task rollup_counts_stay_exact_under_concurrent_updates_and_repeats()
    {
        // Zhuzhou (430200): 6 sites in 2 counties, 12 rooms each, updated concurrently and repeatedly.
        string[] sites = ["43020201", "43020202", "43020203", "43020301", "43020302", "43020303"];
        const int rooms = 12;
        var ts = fixture.Time.GetUtcNow();
        foreach (var site in sites)
        {
            await _grains.Announce(site, true, "t", ts, Updates.Inventory(rooms));
        }

        // Every room OK except: room 001 jammer fault at every site; room 002 clock fault at the "01" sites.
        var calls = new List<Task>();
        for (var repeat = 0; repeat < 3; repeat++)
        {
            foreach (var site in sites)
            {
                for (var r = 1; r <= rooms; r++)
                {
                    var room = Updates.Room(r);
                    var updates = Updates.RoomKinds.Select(k => Updates.Status(room, k,
                        (r == 1 && k == DeviceKind.Jammer) || (r == 2 && k == DeviceKind.Clock && site.EndsWith("01")) ? DeviceState.Fault : DeviceState.Ok,
                        ts.AddSeconds(repeat))).ToList();
                    calls.Add(_grains.GetGrain<IRoomGrain>(GrainKeys.Room(site, room)).Apply(updates));
                }
            }
        }

        await Task.WhenAll(calls);

        var expected = new Tally(
            SitesTotal: 6, SitesOnline: 6, RoomsTotal: 6 * rooms, RoomsAllOk: (6 * rooms) - 6 - 2,
            DevicesOk: (6 * rooms * 5) - 6 - 2, DevicesFault: 8, DevicesOffline: 0, DevicesUnknown: 6 * 2,
            CandidatesVerified: 0, IdRejected: 0,
            AlarmsOpen: 6); // the six jammer faults (without a plan a fault is an alarm at any time)
        var city = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("430200").GetSnapshot(), s => s.Tally == expected);
        Assert.Equal(expected, city.Tally);
        Assert.Equal(2, city.Children.Count);
        Assert.Equal(expected, city.Children[0].Tally + city.Children[1].Tally);

        var province = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("43").GetSnapshot(),
            p => p.Children.Any(c => c.Code == "430200" && c.Tally == expected));
        Assert.Equal(province.Tally, province.Children.Aggregate(default(Tally), (sum, c) => sum + c.Tally));
    }

    [Fact]
    public async Task offline_after_missed_intervals_and_back_online_on_the_next_status()
    {
        const string site = "43030201";
        var ts = fixture.Time.GetUtcNow();
        var room = _grains.GetGrain<IRoomGrain>(GrainKeys.Room(site, "001"));
        await room.Apply(Updates.RoomKinds.Select(k => Updates.Status("001", k, DeviceState.Ok, ts)).ToList());

        fixture.Time.Advance(ClusterFixture.StatusInterval * 2);
        await room.SweepOffline();
        Assert.Equal(5, (await room.GetView()).Tally.DevicesOk);

        fixture.Time.Advance(ClusterFixture.StatusInterval * 2);
        await room.SweepOffline();
        var view = await room.GetView();
        Assert.Equal(5, view.Tally.DevicesOffline);
        Assert.All(view.Devices, d => Assert.Equal(DeviceState.Offline, d.State));
        var county = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("430302").GetSnapshot(), s => s.Tally.DevicesOffline == 5);
        Assert.Equal(0, county.Tally.RoomsAllOk);

        var now = fixture.Time.GetUtcNow();
        await room.Apply([Updates.Status("001", DeviceKind.Clock, DeviceState.Ok, now)]);
        view = await room.GetView();
        Assert.Equal((1, 4), (view.Tally.DevicesOk, view.Tally.DevicesOffline));
    }

    [Fact]
    public async Task duplicate_events_and_out_of_order_statuses_have_no_effect()
    {
        const string site = "43040501";
        var ts = fixture.Time.GetUtcNow();
        var room = _grains.GetGrain<IRoomGrain>(GrainKeys.Room(site, "003"));

        var first = await room.Apply([Updates.Verify("003", "26430405003001", "match", ts, "v-1")]);
        var again = await room.Apply([Updates.Verify("003", "26430405003001", "match", ts, "v-1"), Updates.Verify("003", "26430405003002", "mismatch", ts, "v-2")]);
        Assert.Equal(new ApplyResult(1, 0, 0), first);
        Assert.Equal(new ApplyResult(1, 1, 0), again);

        await room.Apply([Updates.Status("003", DeviceKind.Camera, DeviceState.Fault, ts.AddSeconds(10))]);
        var stale = await room.Apply([Updates.Status("003", DeviceKind.Camera, DeviceState.Ok, ts.AddSeconds(5))]);
        Assert.Equal(new ApplyResult(0, 0, 1), stale);

        var view = await room.GetView();
        Assert.Equal((1, 1), (view.Tally.CandidatesVerified, view.Tally.IdRejected));
        Assert.Equal(DeviceState.Fault, view.Devices.Single(d => d.Kind == DeviceKind.Camera).State);
    }

    [Fact]
    public async Task an_event_implies_its_state_only_when_not_older_than_the_latest_status()
    {
        const string site = "43040601";
        var ts = fixture.Time.GetUtcNow();
        var room = _grains.GetGrain<IRoomGrain>(GrainKeys.Room(site, "001"));
        await room.Apply([Updates.Status("001", DeviceKind.Jammer, DeviceState.Ok, ts)]);
        await room.Apply([Updates.JammerFault("001", ts.AddSeconds(-30))]);
        Assert.Equal(DeviceState.Ok, (await room.GetView()).Devices.Single().State);

        await room.Apply([Updates.JammerFault("001", ts.AddSeconds(1))]);
        Assert.Equal(DeviceState.Fault, (await room.GetView()).Devices.Single().State);
    }

    [Fact]
    public async Task a_site_is_counted_from_its_first_message_and_its_will_takes_it_offline()
    {
        const string site = "43050201";
        Assert.Null(await _grains.GetGrain<ISiteGrain>("43050299").GetDetail());

        var grain = _grains.GetGrain<ISiteGrain>(site);
        await fixture.Grains.Announce(site, true, "2.0", fixture.Time.GetUtcNow(), Updates.Inventory(2));
        var county = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("430502").GetSnapshot(),
            s => s.Tally.SitesOnline == 1 && s.Tally.DevicesUnknown == 12);
        Assert.Equal((1, 1), (county.Tally.SitesTotal, county.Tally.SitesOnline));
        Assert.Equal(12, county.Tally.DevicesUnknown);
        Assert.DoesNotContain(county.Children, c => c.Code == "43050299");

        await fixture.Grains.Announce(site, false, null, fixture.Time.GetUtcNow(), []);
        county = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("430502").GetSnapshot(), s => s.Tally.SitesOnline == 0);
        Assert.Equal((1, 0), (county.Tally.SitesTotal, county.Tally.SitesOnline));

        var detail = await grain.GetDetail();
        Assert.NotNull(detail);
        Assert.False(detail.Online);
        Assert.Equal(["001", "002", "vault"], detail.Rooms.Select(r => r.Code));
        Assert.Equal("gate-id1", Assert.Single(detail.SiteDevices).Id);
    }

    [Fact]
    public async Task presence_and_readings_arriving_together_never_wait_on_each_other()
    {
        // Rooms report up to their site while presence lands: grain calls only go upwards, so
        // this storm completes; a site calling down to its rooms used to deadlock here.
        var ts = fixture.Time.GetUtcNow();
        var sites = Enumerable.Range(1, 20).Select(i => $"430811{i:00}").ToList();
        var calls = new List<Task>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var site in sites)
            {
                calls.Add(_grains.Announce(site, true, "t", ts, Updates.Inventory(30)));
                for (var r = 1; r <= 30; r++)
                {
                    var room = Updates.Room(r);
                    calls.Add(_grains.GetGrain<IRoomGrain>(GrainKeys.Room(site, room))
                        .Apply(Updates.RoomKinds.Select(k => Updates.Status(room, k, DeviceState.Ok, ts.AddSeconds(round))).ToList()));
                }
            }
        }

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
        var county = await Eventually.Holds(() => _grains.GetGrain<IRegionGrain>("430811").GetSnapshot(), s => s.Tally.RoomsAllOk == 600);
        Assert.Equal((20, 600, 3000), (county.Tally.SitesOnline, county.Tally.RoomsAllOk, county.Tally.DevicesOk));
    }
}
