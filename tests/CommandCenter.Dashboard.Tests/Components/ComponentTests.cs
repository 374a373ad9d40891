using System.Globalization;
using System.Text.Json;
using Bunit;
using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Api;
using CommandCenter.Server.Components;
using CommandCenter.Server.Components.Map;
using CommandCenter.Server.Components.Situation;
using CommandCenter.Server.Components.Sites;
using CommandCenter.Server.Dashboard;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Dashboard.Tests.Components;

/// <summary>The dashboard's components rendered by bUnit, in both languages.</summary>
public sealed class ComponentTests : BunitContext
{
    private static readonly Tally Counts = new(SitesTotal: 400, SitesOnline: 398, RoomsTotal: 20_000, RoomsAllOk: 19_876,
        DevicesOk: 100_000, DevicesFault: 3, DevicesOffline: 12, DevicesUnknown: 0, CandidatesVerified: 123_456, IdRejected: 2);

    public ComponentTests() => Language("zh-CN");

    [Fact]
    public void The_situation_panel_shows_counts_grouped_the_chinese_way_and_says_when_no_plan_gives_the_expected()
    {
        var panel = Render<SituationPanel>(p => p
            .Add(x => x.Title, "湖南省")
            .Add(x => x.Counts, Counts)
            .Add(x => x.Statuses, new Dictionary<SiteStatus, int> { [SiteStatus.Alarm] = 2, [SiteStatus.Ok] = 396 }));

        Assert.Contains("398", panel.Find("[data-kpi=sites]").TextContent);
        Assert.Contains("19,876", panel.Find("[data-kpi=rooms]").TextContent);
        Assert.Contains("应到未导入", panel.Find("[data-kpi=candidates]").TextContent);
        Assert.Contains("2", panel.Find("[data-state=alarm]").TextContent);

        var planned = Render<SituationPanel>(p => p.Add(x => x.Title, "x").Add(x => x.Counts, Counts).Add(x => x.ExpectedCandidates, 130_000));
        Assert.Contains("123,456/130,000", planned.Find("[data-kpi=candidates]").TextContent);
    }

    [Fact]
    public void In_english_the_same_panel_speaks_english()
    {
        Language("en");
        var panel = Render<SituationPanel>(p => p.Add(x => x.Title, "Hunan").Add(x => x.Counts, Counts));
        Assert.Contains("Sites online", panel.Markup);
        Assert.Contains("expected: no plan", panel.Markup);
    }

    [Fact]
    public void A_room_tile_shows_each_device_and_turns_red_on_a_jammer_fault()
    {
        var devices = new[]
        {
            Device("j1", DeviceKind.Jammer, DeviceState.Fault, """{"on":false,"fault":"power"}"""),
            Device("c1", DeviceKind.Clock, DeviceState.Ok, """{"offsetMs":-1250,"synced":true,"source":"bds"}"""),
            Device("cam1", DeviceKind.Camera, DeviceState.Ok, """{"online":true,"recording":true}"""),
            Device("m1", DeviceKind.MetalDetector, DeviceState.Ok, """{"ready":true,"batteryPct":80}"""),
        };
        var room = new RoomDto("015", new Tally { DevicesFault = 1, DevicesOk = 3, CandidatesVerified = 28, IdRejected = 1 });
        var tile = Render<RoomTile>(p => p.Add(x => x.Room, room).Add(x => x.Devices, devices).Add(x => x.Expected, 30));

        Assert.Equal("alarm", tile.Find("article").GetAttribute("data-state"));
        var text = tile.Find("dl").TextContent;
        Assert.Contains("故障 power", text);
        Assert.Contains("-1,250 ms", text);
        Assert.Contains("在线 · 录像中", text);
        Assert.Contains("28/30", text);
        Assert.Contains("就绪 · 80%", text);
    }

    [Fact]
    public void A_room_without_a_device_of_a_kind_shows_a_dash_not_a_made_up_value()
    {
        var tile = Render<RoomTile>(p => p.Add(x => x.Room, new RoomDto("001", default)).Add(x => x.Devices, Array.Empty<DeviceDto>()));
        Assert.Equal("ok", tile.Find("article").GetAttribute("data-state"));
        Assert.Equal(4, tile.FindAll("dd").Count(dd => dd.TextContent == "—"));
    }

    [Fact]
    public void The_alarm_banner_lists_new_alarms_and_hands_a_dismissal_back()
    {
        string? dismissed = null;
        var notices = new[]
        {
            new AlarmNotice("2", "43010201", AlarmCause.IdentityRejected, "015 mismatch 4301", DateTimeOffset.UnixEpoch),
            new AlarmNotice("1", "43010301", AlarmCause.SiteAlarm, null, DateTimeOffset.UnixEpoch),
        };
        var banner = Render<AlarmBanner>(p => p
            .Add(x => x.Notices, notices)
            .Add(x => x.SiteName, id => "考点" + id)
            .Add(x => x.OnDismiss, EventCallback.Factory.Create<string>(this, key => dismissed = key)));

        Assert.Contains("身份核验未通过 · 015 mismatch 4301", banner.Markup);
        Assert.Contains("考点43010301", banner.Markup);
        banner.Find("li[data-alarm='1'] button").Click();
        Assert.Equal("1", dismissed);

        var empty = Render<AlarmBanner>(p => p.Add(x => x.Notices, Array.Empty<AlarmNotice>()));
        Assert.Empty(empty.Markup.Trim());
    }

    [Fact]
    public void A_rule_alarm_in_the_banner_says_which_rule_and_can_be_acknowledged()
    {
        var notice = new AlarmNotice("7", "43010201", AlarmCause.RuleAlarm, "2026-gk-yw", DateTimeOffset.UnixEpoch, "43010201-a-1", AlarmCauses.ZeroReportMissing);
        string? acknowledged = null;
        var banner = Render<AlarmBanner>(p => p
            .Add(x => x.Notices, [notice])
            .Add(x => x.CanAcknowledge, true)
            .Add(x => x.OnAcknowledge, EventCallback.Factory.Create<string>(this, id => acknowledged = id)));

        Assert.Contains("零报告未报 · 2026-gk-yw", banner.Markup);
        banner.Find("button[data-ack='43010201-a-1']").Click();
        Assert.Equal("43010201-a-1", acknowledged);

        Language("en");
        Assert.Contains("Zero-report missing", Render<AlarmBanner>(p => p.Add(x => x.Notices, [notice])).Markup);
    }

    [Fact]
    public void The_ticker_shows_beijing_time_and_ticket_numbers_and_marks_alarming_events()
    {
        var ts = new DateTimeOffset(2026, 6, 7, 0, 55, 3, TimeSpan.Zero);
        var events = new[]
        {
            new EventView("43010201", "015", "id-1", DeviceKind.IdReader, "verify", ts, "mismatch 430102260001"),
            new EventView("43010201", null, "agent", null, "report_zero", ts, "s1"),
        };
        var ticker = Render<EventTicker>(p => p.Add(x => x.Events, events).Add(x => x.Zone, new DashboardOptions().Zone));

        var items = ticker.FindAll("li");
        Assert.Contains("08:55:03", items[0].TextContent);
        Assert.Contains("人证不符 430102260001", items[0].TextContent);
        Assert.Contains("cc-ev-alarm", items[0].ClassName);
        Assert.Contains("零报告", items[1].TextContent);
        Assert.DoesNotContain("cc-ev-alarm", items[1].ClassName ?? "");
    }

    [Fact]
    public void The_map_wrapper_creates_the_map_once_and_forwards_updates_to_its_js_module()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var module = JSInterop.SetupModule("./js/leaflet-map.js");
        var handle = module.SetupModule(invocation => invocation.Identifier == "create");
        var ready = false;
        var map = Render<LeafletMap>(p => p
            .Add(x => x.Wall, true)
            .Add(x => x.OnReady, EventCallback.Factory.Create(this, () => ready = true)));

        Assert.True(ready);
        var create = module.VerifyInvoke("create");
        Assert.Contains("wall = True", create.Arguments[2]!.ToString(), StringComparison.Ordinal);

        var site = new MapSite("43010201", "芙蓉区第1考点", 28.19, 113.03, "alarm");
        map.InvokeAsync(() => map.Instance.Update([site]));
        map.InvokeAsync(() => map.Instance.Update([]));
        var update = handle.VerifyInvoke("update");
        Assert.Equal(JsonSerializer.Serialize(new[] { site }), JsonSerializer.Serialize(update.Arguments[0]));
        Assert.Contains("\"s\":\"alarm\"", JsonSerializer.Serialize(update.Arguments[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_word_of_the_dashboard_exists_in_both_languages()
    {
        foreach (var key in UiText.Keys)
        {
            Language("zh-CN");
            var zh = UiText.T(key);
            Language("en");
            var en = UiText.T(key);
            Assert.False(string.IsNullOrWhiteSpace(zh) || string.IsNullOrWhiteSpace(en), key);
            Assert.True(key.StartsWith("language_", StringComparison.Ordinal) || en.Any(char.IsAscii), $"{key}: '{en}' is not English");
        }
    }

    private static DeviceDto Device(string id, DeviceKind kind, DeviceState state, string json) =>
        new(id, kind, "015", state, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, JsonDocument.Parse(json).RootElement, null);

    private static void Language(string culture)
    {
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
    }
}
