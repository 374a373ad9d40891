using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Edge.Status;

/// <summary>The technician's page: one self-contained HTML document that reloads itself every 5 seconds.</summary>
public static class StatusPage
{
    public static string Render(StatusReport report, TimeZoneInfo zone)
    {
        var html = new StringBuilder(16 * 1024);
        string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");
        string T(DateTimeOffset? at) => at is { } v ? TimeZoneInfo.ConvertTime(v, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";
        string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

        html.Append($"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
            <title>考点 {E(report.SiteId)} · edge agent</title>
            <style>
            body{"{"}font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222{"}"} table{"{"}border-collapse:collapse;margin:.5em 0 1.5em{"}"}
            td,th{"{"}border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top{"}"} th{"{"}background:#f3f3f3{"}"}
            .ok{"{"}color:#176b2c;font-weight:600{"}"} .bad{"{"}color:#b00020;font-weight:600{"}"} .banner{"{"}background:#fff3cd;border:2px solid #b00020;padding:1em;font-size:1.4em{"}"}
            code{"{"}font-size:12px{"}"}
            </style></head><body>
            <h1>考点 {E(report.SiteId)} · edge agent {E(report.AgentVersion)}</h1>
            <p>{T(report.Now)} · <a href="status.json">status.json</a></p>
            """);

        if (report.PaperSet is { } paper)
        {
            html.Append($"""<p class="banner">启用备用卷 · switch to paper set <b>{E(paper.Set)}</b> {E(paper.Session)} {E(paper.Subject)} (ordered {T(paper.At)})</p>""");
        }

        foreach (var notice in report.Notices)
        {
            html.Append($"""<p class="banner">{E(notice.Text)} <small>({T(notice.At)})</small></p>""");
        }

        var broker = report.Broker;
        html.Append("<h2>Center link</h2><table>");
        html.Append($"""<tr><th>broker</th><td>{E(broker.Broker)}</td></tr>""");
        html.Append(broker.Connected
            ? $"""<tr><th>state</th><td class="ok">connected since {T(broker.Since)}</td></tr>"""
            : $"""<tr><th>state</th><td class="bad">not connected · {E(broker.LastError)} · next attempt {T(broker.NextAttempt)} · failed attempts {broker.FailedAttempts}</td></tr>""");
        html.Append($"""<tr><th>last PUBACK</th><td>{T(broker.LastPuback)}</td></tr><tr><th>published</th><td>{broker.Published} (refused by the broker: {broker.Refused})</td></tr></table>""");

        var queue = report.Queue;
        html.Append("<h2>Queue</h2><table>");
        html.Append($"""<tr><th>events, custody, reports, acks waiting</th><td>{queue.Kept.Pending} (oldest queued {T(queue.Kept.OldestPendingSince)})</td></tr>""");
        html.Append($"""<tr><th>status batches waiting</th><td>{queue.Droppable.Pending} (oldest queued {T(queue.Droppable.OldestPendingSince)})</td></tr>""");
        html.Append($"""<tr><th>disk</th><td>{Mib(queue.Kept.Bytes + queue.Droppable.Bytes)} of {Mib(queue.MaxBytes)} · {E(queue.Directory)}</td></tr>""");
        var droppedClass = queue.DroppedStatus + queue.DroppedKept > 0 ? "bad" : "ok";
        html.Append($"""<tr><th>dropped for the disk budget</th><td class="{droppedClass}">{queue.DroppedStatus} status batches, {queue.DroppedKept} events</td></tr>""");
        html.Append($"""<tr><th>quarantined files</th><td class="{(queue.Quarantined.Count > 0 ? "bad" : "ok")}">{(queue.Quarantined.Count == 0 ? "none" : string.Join("<br>", queue.Quarantined.Select(E)))}</td></tr></table>""");

        html.Append("<h2>Clock</h2><p>");
        html.Append(report.Clock is { } clock
            ? $"""<span class="{(clock.WithinTolerance ? "ok" : "bad")}">agent {clock.OffsetMs:+#;-#;0} ms</span> against {E(clock.Reference)} at {T(clock.At)}"""
            : $"no reading yet (reference: {E(report.ClockReference)})");
        html.Append("</p>");

        if (report.Cameras.Count > 0)
        {
            html.Append("<h2>Camera probes</h2><table><tr><th>camera</th><th>stream</th><th>state</th><th>fps</th><th>at</th></tr>");
            foreach (var camera in report.Cameras)
            {
                html.Append($"""<tr><td>{E(camera.DeviceId)}</td><td>{E(camera.StreamUrl)}</td><td class="{(camera.Online ? "ok" : "bad")}">{(camera.Online ? "online " + E(camera.Codec) : E(camera.Error))}</td><td>{camera.Fps?.ToString("0.#", CultureInfo.InvariantCulture)}</td><td>{T(camera.At)}</td></tr>""");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Alerts</h2><table><tr><th>at</th><th>level</th><th>what</th></tr>");
        foreach (var alert in report.Alerts.Take(30))
        {
            html.Append($"""<tr><td>{T(alert.At)}</td><td class="{(alert.Level >= LogLevel.Warning ? "bad" : "ok")}">{alert.Level}</td><td>{E(alert.Source)}: {E(alert.Message)}</td></tr>""");
        }

        html.Append("</table>");

        html.Append($"<h2>Devices ({report.Devices.Count})</h2><table><tr><th>device</th><th>kind</th><th>room</th><th>via</th><th>last seen</th><th>status</th><th>last event</th></tr>");
        foreach (var device in report.Devices)
        {
            html.Append($"""<tr><td>{E(device.Id)}</td><td>{E(device.Kind)}</td><td>{E(device.Room)}</td><td>{E(device.Adapter)}</td><td>{T(device.LastSeen)}</td><td><code>{E(device.LastStatus)}</code></td><td><code>{E(device.LastEvent)}</code> {T(device.LastEventTs)}</td></tr>""");
        }

        html.Append("</table><h2>Refused messages</h2><table><tr><th>at</th><th>via</th><th>device</th><th>reason</th><th>detail</th></tr>");
        foreach (var rejected in report.Rejections.Take(30))
        {
            html.Append($"""<tr><td>{T(rejected.At)}</td><td>{E(rejected.Adapter)}</td><td>{E(rejected.DeviceId)}</td><td>{E(rejected.Reason)}</td><td>{E(rejected.Detail)}</td></tr>""");
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }
}
