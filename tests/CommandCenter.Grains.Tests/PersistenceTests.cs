using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
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

    [Fact]
    public async Task a_sites_alarm_history_survives_its_deactivation()
    {
        var site = _grains.GetGrain<ISiteGrain>("43112202");
        await site.RaiseAlarm(AlarmCauses.MetalDetector, "metal/r001", AlarmSeverity.Warning, "001", "T-1");
        await site.RaiseAlarm(AlarmCauses.MetalDetector, "metal/r002", AlarmSeverity.Warning, "002", "T-2");
        await site.RaiseAlarm(AlarmCauses.MetalDetector, "metal/r003", AlarmSeverity.Warning, "003", "T-3");
        var raised = (await site.GetAlarms(includeClosed: true)).OrderBy(a => a.Room, StringComparer.Ordinal).Select(a => a.Id).ToList();
        await site.Acknowledge(raised[0], "commander");
        await site.Resolve(raised[1], "chief", "误报");
        var before = await site.GetAlarms(includeClosed: true);

        await _grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal(before, await site.GetAlarms(includeClosed: true));
        // The new activation goes on with the stored alarms: a step on one, a new one with an id of its own.
        Assert.Equal(AlarmActionOutcome.Closed, (await site.Resolve(raised[1], "chief", null)).Outcome);
        Assert.Equal(AlarmActionOutcome.Done, (await site.Resolve(raised[2], "chief", "已处理")).Outcome);
        await site.RaiseAlarm(AlarmCauses.MetalDetector, "metal/r001", AlarmSeverity.Warning, "001", "T-4");
        var after = await site.GetAlarms(includeClosed: true);
        Assert.Equal(3, after.Count);
        Assert.Equal(2, after.Single(a => a.Id == raised[0]).Count);
        Assert.Equal(AlarmState.Acknowledged, after.Single(a => a.Id == raised[0]).State);
    }
}
