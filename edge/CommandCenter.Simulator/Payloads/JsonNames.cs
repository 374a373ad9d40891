using System.Text.Json;

namespace CommandCenter.Simulator.Payloads;

/// <summary>Pre-encoded property names and values of the hot path.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    public static readonly JsonEncodedText MsgId = JsonEncodedText.Encode("msgId");
    public static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    public static readonly JsonEncodedText Room = JsonEncodedText.Encode("room");
    public static readonly JsonEncodedText DeviceId = JsonEncodedText.Encode("deviceId");
    public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");

    public static readonly JsonEncodedText OffsetMs = JsonEncodedText.Encode("offsetMs");
    public static readonly JsonEncodedText Synced = JsonEncodedText.Encode("synced");
    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    public static readonly JsonEncodedText Bds = JsonEncodedText.Encode("bds");
    public static readonly JsonEncodedText On = JsonEncodedText.Encode("on");
    public static readonly JsonEncodedText Fault = JsonEncodedText.Encode("fault");
    public static readonly JsonEncodedText Ready = JsonEncodedText.Encode("ready");
    public static readonly JsonEncodedText BatteryPct = JsonEncodedText.Encode("batteryPct");
    public static readonly JsonEncodedText Online = JsonEncodedText.Encode("online");
    public static readonly JsonEncodedText Recording = JsonEncodedText.Encode("recording");
    public static readonly JsonEncodedText StreamUrl = JsonEncodedText.Encode("streamUrl");
    public static readonly JsonEncodedText Fps = JsonEncodedText.Encode("fps");
    public static readonly JsonEncodedText Closed = JsonEncodedText.Encode("closed");
    public static readonly JsonEncodedText Locked = JsonEncodedText.Encode("locked");

    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
    public static readonly JsonEncodedText Ticket = JsonEncodedText.Encode("ticket");
    public static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
    public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
}
