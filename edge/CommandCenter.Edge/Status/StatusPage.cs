using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Edge.Status;

/// <summary>The technician's page: one self-contained HTML document that reloads itself every 5 seconds (zh-CN; ?lang=en).</summary>
public static class StatusPage
{
    public static string Render(StatusReport report, TimeZoneInfo zone, StatusLabels? labels = null)
    {
        var L = labels ?? StatusLabels.Chinese;
        var html = new StringBuilder(16 * 1024);
        string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");
        string T(DateTimeOffset? at) => at is { } v ? TimeZoneInfo.ConvertTime(v, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
        string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

        html.Append($"""
            <!doctype html><html lang="{L.Lang}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
            <title>{L.Site} {E(report.SiteId)} · {L.Agent}</title>
            <style>
            body{"{"}font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222{"}"} table{"{"}border-collapse:collapse;margin:.5em 0 1.5em{"}"}
            td,th{"{"}border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top{"}"} th{"{"}background:#f3f3f3{"}"}
            .ok{"{"}color:#176b2c;font-weight:600{"}"} .bad{"{"}color:#b00020;font-weight:600{"}"} .banner{"{"}background:#fff3cd;border:2px solid #b00020;padding:1em;font-size:1.4em{"}"}
            code{"{"}font-size:12px;word-break:break-all{"}"} th{"{"}white-space:nowrap{"}"}
            </style></head><body>
            <h1>{L.Site} {E(report.SiteId)} · {L.Agent} {E(report.AgentVersion)}</h1>
            <p>{T(report.Now)} · <a href="status.json">status.json</a> · <a href="{L.OtherHref}">{L.Other}</a></p>
            """);

        if (report.PaperSet is { } paper)
        {
            html.Append($"""<p class="banner">{L.Switch} <b>{E(paper.Set)}</b> {E(paper.Session)} {E(paper.Subject)} ({L.Ordered} {T(paper.At)})</p>""");
        }

        foreach (var notice in report.Notices)
        {
            html.Append($"""<p class="banner">{E(notice.Text)} <small>({T(notice.At)})</small></p>""");
        }

        var broker = report.Broker;
        html.Append($"<h2>{L.CenterLink}</h2><table>");
        html.Append($"""<tr><th>{L.Broker}</th><td>{E(broker.Broker)}</td></tr>""");
        html.Append(broker.Connected
            ? $"""<tr><th>{L.State}</th><td class="ok">{L.ConnectedSince} {T(broker.Since)}</td></tr>"""
            : $"""<tr><th>{L.State}</th><td class="bad">{L.NotConnected} · {E(broker.LastError)} · {L.NextAttempt} {T(broker.NextAttempt)} · {L.FailedAttempts} {broker.FailedAttempts}</td></tr>""");
        html.Append($"""<tr><th>{L.LastPuback}</th><td>{T(broker.LastPuback)}</td></tr><tr><th>{L.Published}</th><td>{broker.Published} ({L.RefusedByBroker}: {broker.Refused})</td></tr></table>""");

        var queue = report.Queue;
        html.Append($"<h2>{L.Queue}</h2><table>");
        html.Append($"""<tr><th>{L.KeptWaiting}</th><td>{queue.Kept.Pending} ({L.OldestQueued} {T(queue.Kept.OldestPendingSince)})</td></tr>""");
        html.Append($"""<tr><th>{L.StatusWaiting}</th><td>{queue.Droppable.Pending} ({L.OldestQueued} {T(queue.Droppable.OldestPendingSince)})</td></tr>""");
        html.Append($"""<tr><th>{L.Disk}</th><td>{Mib(queue.Kept.Bytes + queue.Droppable.Bytes)} {L.Of} {Mib(queue.MaxBytes)} · {E(queue.Directory)}</td></tr>""");
        var droppedClass = queue.DroppedStatus + queue.DroppedKept > 0 ? "bad" : "ok";
        html.Append($"""<tr><th>{L.Dropped}</th><td class="{droppedClass}">{queue.DroppedStatus} {L.StatusBatches}, {queue.DroppedKept} {L.Events}</td></tr>""");
        html.Append($"""<tr><th>{L.Quarantined}</th><td class="{(queue.Quarantined.Count > 0 ? "bad" : "ok")}">{(queue.Quarantined.Count == 0 ? L.None : string.Join("<br>", queue.Quarantined.Select(E)))}</td></tr></table>""");

        html.Append($"<h2>{L.Clock}</h2><p>");
        html.Append(report.Clock is { } clock
            ? $"""<span class="{(clock.WithinTolerance ? "ok" : "bad")}">{L.AgentClock} {clock.OffsetMs:+#;-#;0} ms</span> {L.Against} {E(clock.Reference)} {L.At} {T(clock.At)}"""
            : $"{L.NoReading} ({L.Reference}: {E(report.ClockReference)})");
        html.Append("</p>");

        if (report.Cameras.Count > 0)
        {
            html.Append($"<h2>{L.CameraProbes}</h2><table><tr><th>{L.Camera}</th><th>{L.Stream}</th><th>{L.State}</th><th>{L.Fps}</th><th>{L.At}</th></tr>");
            foreach (var camera in report.Cameras)
            {
                html.Append($"""<tr><td>{E(camera.DeviceId)}</td><td>{E(camera.StreamUrl)}</td><td class="{(camera.Online ? "ok" : "bad")}">{(camera.Online ? L.Online + " " + E(camera.Codec) : E(camera.Error))}</td><td>{camera.Fps?.ToString("0.#", CultureInfo.InvariantCulture)}</td><td>{T(camera.At)}</td></tr>""");
            }

            html.Append("</table>");
        }

        html.Append($"<h2>{L.Alerts}</h2><table><tr><th>{L.At}</th><th>{L.Level}</th><th>{L.What}</th></tr>");
        foreach (var alert in report.Alerts.Take(30))
        {
            html.Append($"""<tr><td>{T(alert.At)}</td><td class="{(alert.Level >= LogLevel.Warning ? "bad" : "ok")}">{alert.Level}</td><td>{E(alert.Source)}: {E(alert.Message)}</td></tr>""");
        }

        html.Append("</table>");

        html.Append($"<h2>{L.Devices} ({report.Devices.Count})</h2><table><tr><th>{L.Device}</th><th>{L.Kind}</th><th>{L.Room}</th><th>{L.Via}</th><th>{L.LastSeen}</th><th>{L.Status}</th><th>{L.LastEvent}</th></tr>");
        foreach (var device in report.Devices)
        {
            html.Append($"""<tr><td>{E(device.Id)}</td><td>{E(device.Kind)}</td><td>{E(device.Room)}</td><td>{E(device.Adapter)}</td><td>{T(device.LastSeen)}</td><td><code>{E(device.LastStatus)}</code></td><td><code>{E(device.LastEvent)}</code> {T(device.LastEventTs)}</td></tr>""");
        }

        html.Append($"</table><h2>{L.Refused}</h2><table><tr><th>{L.At}</th><th>{L.Via}</th><th>{L.Device}</th><th>{L.Reason}</th><th>{L.Detail}</th></tr>");
        foreach (var rejected in report.Rejections.Take(30))
        {
            html.Append($"""<tr><td>{T(rejected.At)}</td><td>{E(rejected.Adapter)}</td><td>{E(rejected.DeviceId)}</td><td>{E(rejected.Reason)}</td><td>{E(rejected.Detail)}</td></tr>""");
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }
}
