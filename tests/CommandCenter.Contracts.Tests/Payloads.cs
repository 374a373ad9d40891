using System.Text;

namespace CommandCenter.Contracts.Tests;

/// <summary>Valid v1 payloads to start from; each test breaks one thing.</summary>
internal static class Payloads
{
    public const string Site = "43010201";
    public const string Ts = "2026-06-07T08:59:58.120+08:00";

    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-07T09:00:00+08:00");

    public static string Clock(string msgId = "m1", string ts = Ts, string data = """{"offsetMs":12,"synced":true,"source":"bds"}""") =>
        $$"""{"msgId":"{{msgId}}","ts":"{{ts}}","kind":"clock","room":"015","data":{{data}}}""";

    public static string Item(string deviceId, string kind, string data, string msgId, string room = "015") =>
        $$"""{"msgId":"{{msgId}}","ts":"{{Ts}}","kind":"{{kind}}","room":"{{room}}","deviceId":"{{deviceId}}","data":{{data}}}""";

    public static ReadOnlyMemory<byte> Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
