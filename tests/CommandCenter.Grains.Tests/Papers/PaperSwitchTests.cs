using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Grains.Tests.Papers;

[Collection(ClusterCollection.Name)]
public sealed class PaperSwitchTests(ClusterFixture fixture)
{
    [Fact]
    public async Task a_site_that_never_acknowledges_becomes_overdue_and_raises_an_alarm_while_the_others_complete()
    {
        string[] sites = ["43010401", "43010402", "43010403"];
        var id = PaperSwitchOrder.Prefix + Guid.NewGuid().ToString("N")[..12];
        var order = new PaperSwitchOrder(id, "430104", "2026-gk-yw", "语文", "A", "B", "commander1", fixture.Time.GetUtcNow(),
            TimeSpan.FromSeconds(60), sites);
        var sw = fixture.Grains.GetGrain<IPaperSwitchGrain>(id);
        var started = await sw.Start(order);
        Assert.Equal(3, started.Pending);

        foreach (var site in sites)
        {
            await sw.MarkSent(site, fixture.Time.GetUtcNow());
        }

        Assert.True(await sw.Acknowledge(sites[0], order.CommandMsgId(sites[0]), true, "shown", fixture.Time.GetUtcNow()));
        Assert.False(await sw.Acknowledge(sites[1], order.CommandMsgId(sites[2]), true, "forged for another site", fixture.Time.GetUtcNow()));
        Assert.True(await sw.Acknowledge(sites[1], order.CommandMsgId(sites[1]), true, "shown", fixture.Time.GetUtcNow()));

        fixture.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, (await sw.CheckOverdue())!.Pending);
        Assert.Empty(await Alarms(sites[2]));

        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        var view = (await sw.GetView())!;
        Assert.Equal((2, 0, 1), (view.Acknowledged, view.Pending, view.Overdue));
        Assert.Equal(SwitchSiteState.Overdue, view.Sites.Single(s => s.SiteId == sites[2]).State);
        var alarm = Assert.Single(await Alarms(sites[2]));
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Empty(await Alarms(sites[0]));

        // Late is still recorded as late.
        Assert.True(await sw.Acknowledge(sites[2], order.CommandMsgId(sites[2]), true, "late", fixture.Time.GetUtcNow()));
        var late = (await sw.GetView())!.Sites.Single(s => s.SiteId == sites[2]);
        Assert.Equal(SwitchSiteState.Acknowledged, late.State);
        Assert.NotNull(late.OverdueSince);
    }

    [Fact]
    public void command_msgIds_lead_back_to_their_switch_and_site()
    {
        var order = new PaperSwitchOrder("sw-abc", "43", null, null, "A", "B", "c", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(5), ["43010101"]);
        Assert.True(PaperSwitchOrder.TryParseCommandMsgId(order.CommandMsgId("43010101"), out var id, out var site));
        Assert.Equal(("sw-abc", "43010101"), (id, site));
        Assert.False(PaperSwitchOrder.TryParseCommandMsgId("01JC8X3V9Q6W5M2T7R4Y0K1N8P", out _, out _));
        Assert.False(PaperSwitchOrder.TryParseCommandMsgId("sw-abc.4301", out _, out _));
    }

    private async Task<IReadOnlyList<AlarmView>> Alarms(string site) =>
        (await fixture.Grains.GetGrain<ISiteGrain>(site).GetAlarms(false)).Where(a => a.Cause == AlarmCauses.PaperSwitchUnacknowledged).ToList();
}
