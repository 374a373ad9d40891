using System.Text.Json;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Simulator.Agents;
using CommandCenter.Simulator.Model;
using CommandCenter.Simulator.Payloads;

namespace CommandCenter.Simulator.Tests;

/// <summary>Everything the simulator publishes goes through the center's own parser without a single rejection.</summary>
public sealed class PayloadTests
{
    private static readonly SimSite Site =
        ProvinceModel.Build(RegionCatalog.Hunan, new SimulationOptions { Mode = SimulationMode.Province }).Sites[0];

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly SiteState _state;
    private readonly SitePayloads _payloads;

    public PayloadTests()
    {
        _state = new SiteState(Site, 2026, _now);
        _payloads = new SitePayloads(_state, new MessageIdSource(MessageIdSource.NewRunStamp(TimeProvider.System)));
    }

    [Fact]
    public void room_status_batch_carries_five_healthy_statuses_the_parser_accepts()
    {
        var readings = AcceptedReadings(EdgeTopics.Batch(Site.SiteId), _payloads.RoomStatusBatch(14, _now));

        Assert.Equal(["r015-clock", "r015-jammer", "r015-md", "r015-id", "r015-cam"], readings.Select(r => r.DeviceId));
        Assert.All(readings, r =>
        {
            Assert.Equal(ReadingType.Status, r.Type);
            Assert.Equal("015", r.Room);
            Assert.Equal(TimeSpan.FromHours(8), r.Ts.Offset);
        });
        var clock = Assert.IsType<ClockStatus>(readings[0].Status);
        Assert.InRange(clock.OffsetMs!.Value, -50, 50);
        Assert.True(clock.Synced);
        Assert.Equal("bds", clock.Source);
        var jammer = Assert.IsType<JammerStatus>(readings[1].Status);
        Assert.True(jammer.On);
        Assert.Null(jammer.Fault);
        Assert.Contains("\"fault\":null", readings[1].DataJson, StringComparison.Ordinal);
        var detector = Assert.IsType<MetalDetectorStatus>(readings[2].Status);
        Assert.True(detector.Ready);
        Assert.InRange(detector.BatteryPct!.Value, 20, 100);
        Assert.True(Assert.IsType<IdReaderStatus>(readings[3].Status).Ready);
        var camera = Assert.IsType<CameraStatus>(readings[4].Status);
        Assert.True(camera.Online);
        Assert.True(camera.Recording);
        Assert.Equal(25, camera.Fps);
        Assert.Equal($"rtsp://sim.local/{Site.SiteId}/r015-cam", camera.StreamUrl);
    }

    [Fact]
    public void site_status_batch_covers_vault_door_cameras_and_gate_reader()
    {
        var readings = AcceptedReadings(EdgeTopics.Batch(Site.SiteId), _payloads.SiteStatusBatch(_now));

        Assert.Equal(["vault-door", "vault-cam1", "vault-cam2", "gate-id1"], readings.Select(r => r.DeviceId));
        Assert.All(readings, r => Assert.Null(r.Room));
        var door = Assert.IsType<VaultDoorStatus>(readings[0].Status);
        Assert.True(door.Closed);
        Assert.True(door.Locked);
    }

    [Fact]
    public void presence_announces_every_device_and_the_will_says_offline()
    {
        var topic = EdgeTopics.Agent(Site.SiteId);

        var online = Assert.IsType<PresenceMessage>(Accepted(topic, _payloads.Presence(_now)));
        var offline = Assert.IsType<PresenceMessage>(Accepted(topic, SitePayloads.Will));

        Assert.True(online.Online);
        Assert.Equal("sim-1.0", online.AgentVersion);
        Assert.Equal(50 * 5 + 4, online.Devices.Count);
        Assert.Contains(online.Devices, d => d is { DeviceId: "r050-md", Kind: DeviceKind.MetalDetector, Room: "050" });
        Assert.Contains(online.Devices, d => d is { DeviceId: "vault-door", Kind: DeviceKind.VaultDoor, Room: null });
        Assert.False(offline.Online);
        Assert.Equal("{\"state\":\"offline\"}", System.Text.Encoding.UTF8.GetString(SitePayloads.Will));
    }

    [Fact]
    public void jammer_fault_reports_an_antenna_event_and_a_faulty_status()
    {
        var events = _state.ApplyFault(FaultKind.JammerFault, 2, _now, TimeSpan.FromSeconds(60));

        var fault = Assert.Single(events);
        var reading = AcceptedEvent(fault);
        Assert.Equal("r003-jammer", reading.DeviceId);
        Assert.Equal("fault", reading.Event!.Type);
        Assert.Equal("antenna", reading.Event.Detail);
        var status = AcceptedReadings(EdgeTopics.Batch(Site.SiteId), _payloads.RoomStatusBatch(2, _now.AddSeconds(1)));
        Assert.Equal("antenna", Assert.IsType<JammerStatus>(status[1].Status).Fault);
    }

    [Fact]
    public void camera_offline_reports_an_offline_event_and_stops_recording()
    {
        var events = _state.ApplyFault(FaultKind.CameraOffline, 0, _now, TimeSpan.FromSeconds(60));

        var reading = AcceptedEvent(Assert.Single(events));
        Assert.Equal("r001-cam", reading.DeviceId);
        Assert.Equal("offline", reading.Event!.Type);
        var camera = Assert.IsType<CameraStatus>(
            AcceptedReadings(EdgeTopics.Batch(Site.SiteId), _payloads.RoomStatusBatch(0, _now.AddSeconds(1)))[4].Status);
        Assert.False(camera.Online);
        Assert.False(camera.Recording);
    }

    [Fact]
    public void clock_drift_loses_sync_by_seconds_and_sometimes_reports_stopped()
    {
        var stopped = new List<DeviceEvent>();
        for (var room = 0; room < Site.Rooms.Count; room++)
        {
            stopped.AddRange(_state.ApplyFault(FaultKind.ClockDrift, room, _now, TimeSpan.FromSeconds(60)));
        }

        Assert.InRange(stopped.Count, 1, Site.Rooms.Count - 1);
        Assert.All(stopped, e => Assert.Equal("stopped", AcceptedEvent(e).Event!.Type));
        var clock = Assert.IsType<ClockStatus>(
            AcceptedReadings(EdgeTopics.Batch(Site.SiteId), _payloads.RoomStatusBatch(5, _now.AddSeconds(30)))[0].Status);
        Assert.False(clock.Synced);
        Assert.InRange(Math.Abs(clock.OffsetMs!.Value), 2000, 5000);
    }

    [Fact]
    public void faults_heal_after_their_duration()
    {
        _state.ApplyFault(FaultKind.JammerFault, 1, _now, TimeSpan.FromSeconds(30));
        _state.ApplyFault(FaultKind.ClockDrift, 1, _now, TimeSpan.FromSeconds(30));
        _state.ApplyFault(FaultKind.CameraOffline, 1, _now, TimeSpan.FromSeconds(30));

        var readings = AcceptedReadings(EdgeTopics.Batch(Site.SiteId), _payloads.RoomStatusBatch(1, _now.AddSeconds(31)));

        var clock = Assert.IsType<ClockStatus>(readings[0].Status);
        Assert.True(clock.Synced);
        Assert.InRange(clock.OffsetMs!.Value, -50, 50);
        Assert.Null(Assert.IsType<JammerStatus>(readings[1].Status).Fault);
        Assert.True(Assert.IsType<CameraStatus>(readings[4].Status).Online);
    }

    [Fact]
    public void identity_checks_are_accepted_and_mostly_match()
    {
        var results = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var room = i % Site.Rooms.Count;
            var bytes = _payloads.VerifyEvent(room, _state.NextVerification(room), _now);
            var topic = EdgeTopics.DeviceEvent(Site.SiteId, Site.Rooms[room].IdReader.DeviceId);
            var reading = Assert.Single(Assert.IsType<DeviceMessage>(Accepted(topic, bytes)).Readings);
            Assert.Equal("verify", reading.Event!.Type);
            Assert.Matches("^[0-9]{14}$", reading.Event.Ticket);
            results.Add(reading.Event.Result!);
        }

        var matchShare = results.Count(r => r == "match") / (double)results.Count;
        Assert.InRange(matchShare, 0.97, 0.995);
        Assert.Equal(["match", "mismatch", "unreadable", "unregistered"], results.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void a_room_verifies_each_candidate_once_per_cycle_then_starts_over_with_the_same_tickets()
    {
        var first = Enumerable.Range(0, 30).Select(_ => _state.NextVerification(7).Ticket).ToList();
        var second = Enumerable.Range(0, 30).Select(_ => _state.NextVerification(7).Ticket).ToList();

        Assert.Equal(30, first.Distinct().Count());
        Assert.Equal(first, second);
        Assert.Equal(2, _state.Rooms[7].VerifyCycles);
        Assert.Equal(AdmissionTickets.For(Site.SiteId, "008", 1), first[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-17)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void clock_probe_is_a_single_item_batch_with_the_given_offset(int value)
    {
        var reading = Assert.Single(AcceptedReadings(EdgeTopics.Batch(Site.SiteId), _payloads.ClockProbe(3, value, _now)));

        Assert.Equal("r004-clock", reading.DeviceId);
        Assert.Equal(value, Assert.IsType<ClockStatus>(reading.Status).OffsetMs);
    }

    [Fact]
    public void msg_ids_never_repeat_within_a_site()
    {
        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            ids.AddRange(AcceptedReadings(EdgeTopics.Batch(Site.SiteId), _payloads.RoomStatusBatch(i % 50, _now)).Select(r => r.MsgId));
            ids.Add(AcceptedEvent(new DeviceEvent(Site.Rooms[0].Camera, "offline")).MsgId);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Identifiers.IsMsgId(id)));
    }

    [Fact]
    public void metal_detector_battery_drains_to_twenty_then_recharges()
    {
        var levels = Enumerable.Range(0, 200).Select(minute => _state.BatteryOf(0, _now.AddMinutes(minute * 1.5))).ToList();

        Assert.All(levels, l => Assert.InRange(l, 20, 100));
        Assert.Contains(20, levels);
        Assert.Contains(100, levels);
        Assert.True(levels.Zip(levels.Skip(1)).Count(p => p.Second > p.First) <= 3, "recharges are rare, drains are steady");
    }

    [Fact]
    public void timestamps_are_beijing_time_with_milliseconds()
    {
        using var doc = JsonDocument.Parse(_payloads.RoomStatusBatch(0, _now));
        var ts = doc.RootElement.GetProperty("items")[0].GetProperty("ts").GetString()!;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$", ts);
    }

    private DeviceReading AcceptedEvent(DeviceEvent deviceEvent)
    {
        var topic = EdgeTopics.DeviceEvent(Site.SiteId, deviceEvent.Device.DeviceId);
        var reading = Assert.Single(Assert.IsType<DeviceMessage>(Accepted(topic, _payloads.DeviceEvent(deviceEvent, _now))).Readings);
        Assert.Equal(ReadingType.Event, reading.Type);
        return reading;
    }

    private static IReadOnlyList<DeviceReading> AcceptedReadings(string topic, byte[] payload) =>
        Assert.IsType<DeviceMessage>(Accepted(topic, payload)).Readings;

    private static EdgeMessage Accepted(string topic, byte[] payload)
    {
        var result = new EdgeMessageParser().Parse(topic, payload);
        Assert.Empty(result.Rejections);
        return Assert.IsAssignableFrom<EdgeMessage>(result.Message);
    }
}
