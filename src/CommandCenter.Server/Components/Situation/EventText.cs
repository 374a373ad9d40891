using CommandCenter.Abstractions;
using static CommandCenter.Server.Components.UiText;

namespace CommandCenter.Server.Components.Situation;

/// <summary>An event in words: "ID check · mismatch 4301…" (ticket numbers only; no personal data reaches the dashboard).</summary>
public static class EventText
{
    public static string Describe(EventView ev)
    {
        var what = T("event_" + ev.Type);
        if (ev.Detail is not { Length: > 0 } detail)
        {
            return what;
        }

        // id checks carry "result ticket"; other events a free detail.
        var space = detail.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? detail : detail[..space];
        var resultKey = "result_" + first;
        var result = T(resultKey);
        return result != resultKey ? $"{what} · {result}{(space < 0 ? "" : detail[space..])}" : $"{what} · {detail}";
    }
}
