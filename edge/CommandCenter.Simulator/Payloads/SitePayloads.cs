using System.Buffers;
using System.Text.Json;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Simulator.Agents;
using CommandCenter.Simulator.Model;

namespace CommandCenter.Simulator.Payloads;

/// <summary>
/// Builds the protocol v1 payloads of one site from its <see cref="SiteState"/>, apart from any MQTT.
/// Batches and events are written with a reused <see cref="Utf8JsonWriter"/>; presence goes
/// through <see cref="EdgeJsonContext"/>. Not thread-safe: one site agent's pump owns it.
/// </summary>
internal sealed class SitePayloads
{
    public const string AgentVersion = "sim-1.0";
    public const int CameraFps = 25;
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);
    private static readonly JsonEncodedText[] KindNames =
        DeviceKinds.All.Select(k => JsonEncodedText.Encode(k.ToWire())).ToArray();

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly SiteState _state;
    private readonly MessageIdSource _ids;
    private readonly List<PresenceDevice> _inventory;
    private readonly Dictionary<string, string> _streamUrls;

    public SitePayloads(SiteState state, MessageIdSource ids)
    {
        _state = state;
        _ids = ids;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _inventory = Site.AllDevices
            .Select(d => new PresenceDevice { Id = d.DeviceId, Kind = d.Kind.ToWire(), Room = d.Room })
            .ToList();
        _streamUrls = Site.AllDevices
            .Where(d => d.Kind == DeviceKind.Camera)
            .ToDictionary(d => d.DeviceId, d => $"rtsp://sim.local/{Site.SiteId}/{d.DeviceId}", StringComparer.Ordinal);
    }

    /// <summary>The retained will: <c>{"state":"offline"}</c>.</summary>
    public static byte[] Will { get; } =
        JsonSerializer.SerializeToUtf8Bytes(new PresencePayload { State = "offline" }, EdgeJsonContext.Default.PresencePayload);

    public SimSite Site => _state.Site;

    public static string Timestamp(DateTimeOffset now) => Identifiers.FormatTimestamp(now.ToOffset(BeijingOffset));

    /// <summary>Retained presence with the whole device inventory.</summary>
    public byte[] Presence(DateTimeOffset now) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new PresencePayload { State = "online", AgentVersion = AgentVersion, Ts = Timestamp(now), Devices = _inventory },
            EdgeJsonContext.Default.PresencePayload);

    /// <summary>One batch with the status of the room's five devices.</summary>
    public byte[] RoomStatusBatch(int room, DateTimeOffset now)
    {
        var simRoom = Site.Rooms[room];
        var ts = Timestamp(now);
        BeginBatch();

        var (offsetMs, synced) = _state.ClockOf(room, now);
        BeginItem(simRoom.Clock, ts);
        WriteClock(offsetMs, synced);
        EndItem();

        BeginItem(simRoom.Jammer, ts);
        _writer.WriteBoolean(JsonNames.On, true);
        if (_state.JammerFaultOf(room, now) is { } fault)
        {
            _writer.WriteString(JsonNames.Fault, fault);
        }
        else
        {
            _writer.WriteNull(JsonNames.Fault);
        }

        EndItem();

        BeginItem(simRoom.MetalDetector, ts);
        _writer.WriteBoolean(JsonNames.Ready, true);
        _writer.WriteNumber(JsonNames.BatteryPct, _state.BatteryOf(room, now));
        EndItem();

        BeginItem(simRoom.IdReader, ts);
        _writer.WriteBoolean(JsonNames.Ready, true);
        EndItem();

        BeginItem(simRoom.Camera, ts);
        WriteCamera(simRoom.Camera, _state.CameraOnline(room, now));
        EndItem();

        return EndBatch();
    }

    /// <summary>One batch with the status of the site-level devices (vault door and cameras, gate reader).</summary>
    public byte[] SiteStatusBatch(DateTimeOffset now)
    {
        var ts = Timestamp(now);
        BeginBatch();
        foreach (var device in Site.SiteDevices)
        {
            BeginItem(device, ts);
            switch (device.Kind)
            {
                case DeviceKind.VaultDoor:
                    _writer.WriteBoolean(JsonNames.Closed, true);
                    _writer.WriteBoolean(JsonNames.Locked, true);
                    break;
                case DeviceKind.Camera:
                    WriteCamera(device, online: true);
                    break;
                case DeviceKind.IdReader:
                    _writer.WriteBoolean(JsonNames.Ready, true);
                    break;
                case DeviceKind.Clock:
                    WriteClock(0, synced: true);
                    break;
                case DeviceKind.Jammer:
                    _writer.WriteBoolean(JsonNames.On, true);
                    _writer.WriteNull(JsonNames.Fault);
                    break;
                case DeviceKind.MetalDetector:
                    _writer.WriteBoolean(JsonNames.Ready, true);
                    _writer.WriteNumber(JsonNames.BatteryPct, 100);
                    break;
            }

            EndItem();
        }

        return EndBatch();
    }

    /// <summary>A single-item batch with the room clock reporting <paramref name="offsetMs"/>, for latency probes.</summary>
    public byte[] ClockProbe(int room, long offsetMs, DateTimeOffset now)
    {
        BeginBatch();
        BeginItem(Site.Rooms[room].Clock, Timestamp(now));
        WriteClock(offsetMs, synced: true);
        EndItem();
        return EndBatch();
    }

    /// <summary>The event envelope of an identity check by the room's reader.</summary>
    public byte[] VerifyEvent(int room, Verification verification, DateTimeOffset now)
    {
        Begin();
        BeginItem(Site.Rooms[room].IdReader, Timestamp(now));
        _writer.WriteString(JsonNames.Type, "verify");
        _writer.WriteString(JsonNames.Ticket, verification.Ticket);
        _writer.WriteString(JsonNames.Result, verification.Result);
        if (verification.Score is { } score)
        {
            _writer.WriteNumber(JsonNames.Score, score);
        }

        EndItem();
        return Finish();
    }

    /// <summary>The event envelope of a device event such as a jammer fault or a camera going offline.</summary>
    public byte[] DeviceEvent(DeviceEvent deviceEvent, DateTimeOffset now)
    {
        Begin();
        BeginItem(deviceEvent.Device, Timestamp(now));
        _writer.WriteString(JsonNames.Type, deviceEvent.Type);
        if (deviceEvent.Detail is { } detail)
        {
            _writer.WriteString(JsonNames.Detail, detail);
        }

        EndItem();
        return Finish();
    }

    private void WriteClock(long offsetMs, bool synced)
    {
        _writer.WriteNumber(JsonNames.OffsetMs, offsetMs);
        _writer.WriteBoolean(JsonNames.Synced, synced);
        _writer.WriteString(JsonNames.Source, JsonNames.Bds);
    }

    private void WriteCamera(SimDevice camera, bool online)
    {
        _writer.WriteBoolean(JsonNames.Online, online);
        _writer.WriteBoolean(JsonNames.Recording, online);
        _writer.WriteString(JsonNames.StreamUrl, _streamUrls[camera.DeviceId]);
        _writer.WriteNumber(JsonNames.Fps, online ? CameraFps : 0);
    }

    private void Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }

    private byte[] Finish()
    {
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private void BeginBatch()
    {
        Begin();
        _writer.WriteStartObject();
        _writer.WriteStartArray(JsonNames.Items);
    }

    private byte[] EndBatch()
    {
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        return Finish();
    }

    private void BeginItem(SimDevice device, string ts)
    {
        Span<char> msgId = stackalloc char[64];
        _writer.WriteStartObject();
        _writer.WriteString(JsonNames.MsgId, msgId[.._ids.Next(msgId)]);
        _writer.WriteString(JsonNames.Ts, ts);
        _writer.WriteString(JsonNames.Kind, KindNames[(int)device.Kind]);
        if (device.Room is { } room)
        {
            _writer.WriteString(JsonNames.Room, room);
        }

        _writer.WriteString(JsonNames.DeviceId, device.DeviceId);
        _writer.WriteStartObject(JsonNames.Data);
    }

    private void EndItem()
    {
        _writer.WriteEndObject();
        _writer.WriteEndObject();
    }
}
