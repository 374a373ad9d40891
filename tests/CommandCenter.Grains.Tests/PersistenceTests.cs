using CommandCenter.Abstractions;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Grains.Tests;

/// <summary>
/// Live grains written to storage come back the same after their activation is gone (as after a
/// silo dies), and a redelivered event is still a duplicate.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PersistenceTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task a_room_and_its_site_come_back_from_storage_and_a_redelivered_event_stays_a_duplicate()
    {
        const string site = "43112201";
        var ts = fixture.Time.GetUtcNow();
        var room = _grains.GetGrain<IRoomGrain>(GrainKeys.Room(site, "001"));
        await room.Apply([Updates.Status("001", DeviceKind.Clock, DeviceState.Fault, ts), Updates.Verify("001", "T1", "match", ts)]);
        var mismatch = Updates.Verify("001", "T2", "mismatch", ts, msgId: "persist-mismatch-1");
        await room.Apply([mismatch]);
        var before = await room.GetView();

        await _grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var after = await room.GetView();
        Assert.Equal(before.Tally, after.Tally);
        Assert.Equal(before.Devices, after.Devices);
        var again = await room.Apply([mismatch]);
        Assert.Equal(new ApplyResult(0, 1, 0), again);
        Assert.Equal(1, (await room.GetView()).Tally.IdRejected);

        var detail = await Eventually.Holds(() => _grains.GetGrain<ISiteGrain>(site).GetDetail(), d => d?.Tally.IdRejected == 1);
        Assert.Equal(1, detail!.Tally.CandidatesVerified);
    }
}
