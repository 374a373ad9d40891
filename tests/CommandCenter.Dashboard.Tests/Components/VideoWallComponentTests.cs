using System.Globalization;
using System.Text.Json;
using Bunit;
using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Video;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Api;
using CommandCenter.Server.Components.Sites;
using CommandCenter.Server.Components.Video;
using CommandCenter.Server.Video;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Dashboard.Tests.Components;

/// <summary>The video wall's editing parts: the camera picker, the tour editor, the alarm pins, the site panel's cameras.</summary>
public sealed class VideoWallComponentTests : BunitContext
{
    private static readonly CameraDto[] Cameras = [Camera("43010201.cam-a"), Camera("43010201.cam-b"), Camera("43030201.cam-c")];

    public VideoWallComponentTests()
    {
        CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public void The_tour_editor_sends_the_chosen_cameras_in_list_order_with_the_dwell_time()
    {
        TourRequest? saved = null;
        var editor = Render<TourEditor>(p => p.Add(x => x.Cameras, Cameras).Add(x => x.CanEdit, true)
            .Add(x => x.OnSave, EventCallback.Factory.Create<TourRequest>(this, r => saved = r)));

        editor.Find("[data-tour-camera='43030201.cam-c']").Change(true);
        editor.Find("[data-tour-camera='43010201.cam-a']").Change(true);
        editor.Find("[data-tour-dwell]").Change("30");
        editor.Find("[data-tour-save]").Click();

        Assert.NotNull(saved);
        Assert.Equal(["43010201.cam-a", "43030201.cam-c"], saved.Cameras);
        Assert.Equal(30, saved.DwellSeconds);
        Assert.Contains("开始轮巡", editor.Find("[data-tour-save]").TextContent);
    }

    [Fact]
    public void The_tour_editor_refuses_an_empty_tour_or_a_dwell_out_of_range_without_calling_the_server()
    {
        var calls = 0;
        var editor = Render<TourEditor>(p => p.Add(x => x.Cameras, Cameras).Add(x => x.CanEdit, true)
            .Add(x => x.OnSave, EventCallback.Factory.Create<TourRequest>(this, _ => calls++)));

        editor.Find("[data-tour-save]").Click();
        Assert.Contains("至少选择一路", editor.Find("[data-tour-problem]").TextContent);

        editor.Find("[data-tour-camera='43010201.cam-a']").Change(true);
        editor.Find("[data-tour-dwell]").Change("2");
        editor.Find("[data-tour-save]").Click();

        Assert.Equal(0, calls);
    }

    [Fact]
    public void A_running_tour_fills_the_editor_and_can_be_stopped()
    {
        var stopped = false;
        var tour = new TourView(["43010201.cam-b"], TimeSpan.FromSeconds(45), 0, 1, DateTimeOffset.UnixEpoch);
        var editor = Render<TourEditor>(p => p.Add(x => x.Cameras, Cameras).Add(x => x.CanEdit, true).Add(x => x.Tour, tour)
            .Add(x => x.OnStop, EventCallback.Factory.Create(this, () => stopped = true)));

        Assert.True(editor.Find("[data-tour-camera='43010201.cam-b']").HasAttribute("checked"));
        Assert.False(editor.Find("[data-tour-camera='43010201.cam-a']").HasAttribute("checked"));
        Assert.Equal("45", editor.Find("[data-tour-dwell]").GetAttribute("value"));
        Assert.Contains("1 路 · 每页 45 秒", editor.Find("[data-tour-state]").TextContent);
        editor.Find("[data-tour-stop]").Click();
        Assert.True(stopped);
    }

    [Fact]
    public void Without_the_right_to_change_the_wall_the_editors_are_read_only()
    {
        var editor = Render<TourEditor>(p => p.Add(x => x.Cameras, Cameras).Add(x => x.CanEdit, false));
        var pins = Render<AlarmPins>(p => p.Add(x => x.Alarms, [Alarm("43010201.cam-a")]).Add(x => x.CanEdit, false));

        Assert.Empty(editor.FindAll("button"));
        Assert.Contains("只读", editor.Markup);
        Assert.Empty(pins.FindAll("button"));
    }

    [Fact]
    public void An_alarm_camera_is_pinned_or_unpinned_from_the_list()
    {
        AlarmPins.CameraAlarm? pinned = null;
        string? unpinned = null;
        var pins = Render<AlarmPins>(p => p
            .Add(x => x.Alarms, [Alarm("43010201.cam-a"), Alarm("43010201.cam-b")])
            .Add(x => x.Pinned, new HashSet<string> { "43010201.cam-b" })
            .Add(x => x.CanEdit, true)
            .Add(x => x.OnPin, EventCallback.Factory.Create<AlarmPins.CameraAlarm>(this, a => pinned = a))
            .Add(x => x.OnUnpin, EventCallback.Factory.Create<string>(this, c => unpinned = c)));

        Assert.Contains("摄像头离线", pins.Find("[data-alarm-camera='43010201.cam-a']").TextContent);
        pins.Find("[data-pin='43010201.cam-a']").Click();
        pins.Find("[data-unpin='43010201.cam-b']").Click();

        Assert.Equal("43010201.cam-a", pinned?.CameraId);
        Assert.Equal("43010201.cam-b", unpinned);
        Assert.Empty(pins.FindAll("[data-pin='43010201.cam-b']"));
    }

    [Fact]
    public void The_picker_narrows_by_region_and_a_tap_selects_a_camera()
    {
        string? selected = null;
        var picker = Render<CameraPicker>(p => p.Add(x => x.Cameras, Cameras)
            .Add(x => x.OnSelect, EventCallback.Factory.Create<string?>(this, c => selected = c)));

        Assert.Equal(3, picker.FindAll("[data-camera]").Count);
        Assert.Contains(picker.FindAll("[data-picker-region] option"), o => o.TextContent.Contains("长沙市", StringComparison.Ordinal));
        picker.Find("[data-picker-region]").Change("430300");
        Assert.Equal(["43030201.cam-c"], picker.FindAll("[data-camera]").Select(e => e.GetAttribute("data-camera")));

        picker.Find("[data-camera='43030201.cam-c']").Click();
        Assert.Equal("43030201.cam-c", selected);
        Assert.Empty(picker.FindAll("[data-add]"));
    }

    [Fact]
    public void The_site_panel_lists_its_cameras_as_links_that_drag_onto_the_wall()
    {
        var devices = new[]
        {
            new DeviceDto("r015-camera", DeviceKind.Camera, "015", DeviceState.Ok, null, null, JsonDocument.Parse("{}").RootElement, null),
            new DeviceDto("r015-jammer", DeviceKind.Jammer, "015", DeviceState.Ok, null, null, JsonDocument.Parse("{}").RootElement, null),
        };
        var panel = Render<SiteCameras>(p => p.Add(x => x.SiteId, "43010201").Add(x => x.Devices, devices));

        var link = Assert.Single(panel.FindAll("a[data-camera]"));
        Assert.Equal("43010201.r015-camera", link.GetAttribute("data-camera"));
        Assert.Equal("true", link.GetAttribute("draggable"));
        Assert.Equal("video-wall/wall-1?camera=43010201.r015-camera", link.GetAttribute("href"));
        Assert.Empty(panel.FindAll("[data-send]"));
    }

    private static AlarmPins.CameraAlarm Alarm(string cameraId) => new("a-" + cameraId, cameraId, "camera_offline", "offline: Connection refused");

    private static CameraDto Camera(string id) => new(id, id[..8], id[9..], "015", "plan", true, false, false, 25, false, false, false, null, null, null);
}
