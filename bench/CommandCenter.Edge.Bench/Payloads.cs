using System.Globalization;
using System.Text;

namespace CommandCenter.Edge.Bench;

/// <summary>Payloads as the agent queues them (32-character msgIds it adds): a verify event, and a room batch of five statuses.</summary>
internal static class Payloads
{
    public const string SiteId = "43010201";

    public static string EventTopic(int room) => $"cc/v1/site/{SiteId}/device/r{room:D3}-id/event";

    public static string BatchTopic => $"cc/v1/site/{SiteId}/batch";

    public static byte[] Event(long n, int room) => Encoding.UTF8.GetBytes(
        $$$"""{"msgId":"019a1c2e7b3f7c40{{{n:D16}}}","ts":"2026-06-07T08:59:58.120+08:00","kind":"id_reader","room":"{{{room:D3}}}","deviceId":"r{{{room:D3}}}-id","data":{"type":"verify","ticket":"64301020101501","result":"match","score":0.97}}""");

    public static byte[] RoomBatch(long n, int room)
    {
        var r = room.ToString("D3", CultureInfo.InvariantCulture);
        var ts = "2026-06-07T08:59:58.120+08:00";
        string Item(string device, string kind, string data, int k) =>
            $$$"""{"msgId":"019a1c2e7b3f7c4{{{n:D16}}}{{{k}}}","ts":"{{{ts}}}","kind":"{{{kind}}}","room":"{{{r}}}","deviceId":"r{{{r}}}-{{{device}}}","data":{{{data}}}}""";
        return Encoding.UTF8.GetBytes("{\"items\":[" + string.Join(',',
            Item("clock", "clock", """{"offsetMs":12,"synced":true,"source":"bds"}""", 1),
            Item("jammer", "jammer", """{"on":true,"fault":null}""", 2),
            Item("md", "metal_detector", """{"ready":true,"batteryPct":87}""", 3),
            Item("id", "id_reader", """{"ready":true}""", 4),
            Item("cam", "camera", $$"""{"online":true,"recording":true,"streamUrl":"rtsp://10.0.0.{{room}}/r{{r}}-cam","fps":25}""", 5)) + "]}");
    }
}
