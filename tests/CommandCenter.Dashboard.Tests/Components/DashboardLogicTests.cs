using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Security;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Server.Api;
using CommandCenter.Server.Components.Pages;
using CommandCenter.Server.Dashboard;
using CommandCenter.Server.Security;

namespace CommandCenter.Dashboard.Tests.Components;

/// <summary>The dashboard's decisions without a browser: colours, alarms, URLs against scope, merging pushes.</summary>
public sealed class DashboardLogicTests
{
    private static readonly RegionCatalog Hunan = RegionCatalog.Hunan;
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData(0, 0, 0, 0, "offline")]
    [InlineData(1, 1, 0, 0, "alarm")]
    [InlineData(1, 0, 1, 0, "warning")]
    [InlineData(1, 0, 0, 1, "warning")]
    [InlineData(1, 0, 0, 0, "ok")]
    public void A_site_is_coloured_by_its_worst_state(int online, int fault, int offline, int unknown, string expected)
    {
        var tally = new Tally { SitesTotal = 1, SitesOnline = online, DevicesOk = 5, DevicesFault = fault, DevicesOffline = offline, DevicesUnknown = unknown };
        Assert.Equal(expected, SiteStatuses.Of(tally).Wire());
        Assert.Equal(SiteStatus.Alarm, SiteStatuses.Worst([SiteStatus.Ok, SiteStatus.Offline, SiteStatus.Alarm, SiteStatus.Warning]));
    }

    [Fact]
    public void A_notice_is_raised_once_when_a_site_turns_red_and_for_each_failed_identity_check()
    {
        var notices = new AlarmNotices();
        var red = Site("43010201", new Tally { SitesOnline = 1, DevicesFault = 1 });
        Assert.Single(notices.Observe([red], [], Now));
        Assert.Empty(notices.Observe([red], [], Now)); // still red: no second notice

        var mismatch = new EventView("43010201", "015", "id-1", DeviceKind.IdReader, "verify", Now, "mismatch 4301");
        var match = mismatch with { Detail = "match 4302" };
        var raised = notices.Observe([], [mismatch, match], Now);
        Assert.Equal(AlarmCause.IdentityRejected, Assert.Single(raised).Cause);
        Assert.Equal(["43010201"], notices.FlashingSites);

        notices.DismissAll();
        Assert.Empty(notices.FlashingSites);
        Assert.Single(notices.Observe([Site("43010201", new Tally { SitesOnline = 1 })], [], Now).Concat(notices.Observe([red], [], Now)));
    }

    [Fact]
    public void An_alarm_raised_only_by_a_rule_flashes_its_site_and_goes_when_acknowledged_elsewhere()
    {
        var notices = new AlarmNotices();
        var green = Site("43010201", new Tally { SitesOnline = 1, DevicesOk = 5 });
        notices.Observe([green], [], Now);
        var zeroReport = Alarm("43010201-a-1", AlarmCauses.ZeroReportMissing, room: null, deviceId: null, detail: "2026-gk-yw");

        var raised = notices.ObserveAlarms([zeroReport]);

        var notice = Assert.Single(raised);
        Assert.Equal((AlarmCause.RuleAlarm, "43010201-a-1", AlarmCauses.ZeroReportMissing, "2026-gk-yw"), (notice.Cause, notice.AlarmId, notice.Rule, notice.Detail));
        Assert.Equal(["43010201"], notices.FlashingSites);
        Assert.Empty(notices.ObserveAlarms([zeroReport])); // the same alarm again: no second notice

        notices.ObserveAlarms([zeroReport with { State = AlarmState.Acknowledged }]);
        Assert.Empty(notices.Active);
        Assert.Empty(notices.FlashingSites);
    }

    [Fact]
    public void A_device_alarm_and_its_site_turning_red_make_one_notice_in_either_order()
    {
        var red = new Tally { SitesOnline = 1, DevicesFault = 1 };
        var tallyFirst = new AlarmNotices();
        tallyFirst.Observe([Site("43010201", red)], [], Now);
        Assert.Empty(tallyFirst.ObserveAlarms([Alarm("43010201-a-1", AlarmCauses.JammerOff, "015", "r015-jammer", null)]));
        Assert.Equal("43010201-a-1", Assert.Single(tallyFirst.Active).AlarmId);

        var alarmFirst = new AlarmNotices();
        alarmFirst.Observe([Site("43010201", new Tally { SitesOnline = 1 })], [], Now);
        Assert.Single(alarmFirst.ObserveAlarms([Alarm("43010201-a-1", AlarmCauses.JammerOff, "015", "r015-jammer", null)]));
        Assert.Empty(alarmFirst.Observe([Site("43010201", red)], [], Now));
        Assert.Equal("43010201-a-1", Assert.Single(alarmFirst.Active).AlarmId);
    }

    private static AlarmDto Alarm(string id, string cause, string? room, string? deviceId, string? detail) =>
        AlarmDto.From(new AlarmView(id, cause, AlarmSeverity.Alarm, "43010201", room, deviceId, AlarmState.Open, Now, Now, 1, detail, true,
            EscalationLevel.County, null, null, null, null, null));

    [Fact]
    public void Open_notices_are_capped_and_the_overflow_counted()
    {
        var notices = new AlarmNotices();
        var events = Enumerable.Range(0, AlarmNotices.Capacity + 5)
            .Select(i => new EventView("43010201", "001", "m1", DeviceKind.MetalDetector, "alarm", Now, $"t{i}"))
            .ToList();
        notices.Observe([], events, Now);
        Assert.Equal(AlarmNotices.Capacity, notices.Active.Count);
        Assert.Equal(5, notices.Overflowed);
    }

    [Fact]
    public void A_map_url_is_checked_against_the_users_scope_and_a_bad_one_becomes_a_clear_problem()
    {
        var county = new AccessScope(Role.CountyOperator, "430102", new HashSet<string>(), new HashSet<string>());
        Assert.Equal("region", MapView.Resolve(null, null, county, Hunan).Kind);
        Assert.Equal("430102", MapView.Resolve(null, null, county, Hunan).Region);
        Assert.Equal("site", MapView.Resolve(null, "43010201", county, Hunan).Kind);
        Assert.NotNull(MapView.Resolve("430103", null, county, Hunan).Problem);   // another county
        Assert.NotNull(MapView.Resolve(null, "43010301", county, Hunan).Problem); // another county's site
        Assert.NotNull(MapView.Resolve("439999", null, county, Hunan).Problem);   // no such region
        Assert.NotNull(MapView.Resolve(null, "<script>", county, Hunan).Problem); // not a site id

        var inspector = new AccessScope(Role.PatrolInspector, null, new HashSet<string> { "43010201" }, new HashSet<string>());
        Assert.Equal("mine", MapView.Resolve(null, null, inspector, Hunan).Kind);
        Assert.NotNull(MapView.Resolve("43", null, inspector, Hunan).Problem);
        Assert.Equal(["430102"], LiveSituation.CountiesOf(inspector, Hunan));
        Assert.Equal(9, LiveSituation.CountiesOf(new AccessScope(Role.CityOperator, "430100", new HashSet<string>(), new HashSet<string>()), Hunan).Count);
    }

    [Fact]
    public void A_pushed_site_change_replaces_the_rooms_and_devices_it_names_and_keeps_the_rest()
    {
        var before = new SiteDto("43010201", "430102", "芙蓉区", true, "1", null, default,
            [new RoomDto("001", default), new RoomDto("002", default)],
            [Dto("j1", "001", DeviceState.Ok), Dto("j2", "002", DeviceState.Ok)], []);
        var change = new SiteChangeDto("43010201", false, new Tally { DevicesFault = 1 },
            [new RoomDto("002", new Tally { DevicesFault = 1 })], [Dto("j2", "002", DeviceState.Fault)],
            [new EventView("43010201", "002", "j2", DeviceKind.Jammer, "fault", Now, "power")]);

        var after = SiteMerge.Apply(before, change);

        Assert.False(after.Online);
        Assert.Equal(1, after.Rooms.Single(r => r.Room == "002").Counts.DevicesFault);
        Assert.Equal(DeviceState.Ok, after.Devices.Single(d => d.Id == "j1").State);
        Assert.Equal(DeviceState.Fault, after.Devices.Single(d => d.Id == "j2").State);
        Assert.Equal("fault", Assert.Single(after.RecentEvents).Type);
    }

    [Fact]
    public void An_unplaced_site_gets_a_stable_approximate_position_inside_its_county()
    {
        var directory = new SiteDirectory(Hunan);
        var first = directory.Locate("43010277");
        Assert.True(first.Approximate);
        Assert.Equal(first, new SiteDirectory(Hunan).Locate("43010277"));
        Assert.True(Math.Abs(first.Lat - Hunan.Find("430102")!.Center.Lat) < 0.05);

        directory.Register([new SiteInfo("43010277", "长沙市一中", 28.2, 112.98, false)]);
        Assert.Equal("长沙市一中", directory.Locate("43010277").Name);
    }

    private static LiveSite Site(string id, Tally tally) =>
        new(new SiteInfo(id, id, 28, 113, false), tally with { SitesTotal = 1 }, SiteStatuses.Of(tally with { SitesTotal = 1 }));

    private static DeviceDto Dto(string id, string room, DeviceState state) =>
        new(id, DeviceKind.Jammer, room, state, null, null, null, null);
}
