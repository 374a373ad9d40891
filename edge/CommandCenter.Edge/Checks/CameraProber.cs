using System.Globalization;
using System.Text;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Devices;
using CommandCenter.Edge.Hosting;
using FFMpegCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Checks;

/// <summary>
/// Probes every declared camera's <c>StreamUrl</c> with ffprobe each <c>Edge:Cameras:ProbeInterval</c>.
/// A camera that stops answering gets an <c>offline</c> event; cameras with <c>StatusFromProbe</c> also get
/// their status from the probe (a live stream counts as recording: a probe cannot see the recorder).
/// </summary>
public sealed class CameraProber(
    IOptions<EdgeOptions> options, DeviceInbox inbox, CameraProbes probes, TimeProvider time, ILogger<CameraProber> logger) : BackgroundService
{
    public const string AdapterName = "probe";
    private readonly EdgeOptions _options = options.Value;

    public async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        foreach (var camera in Cameras())
        {
            var probe = await ProbeAsync(camera, cancellationToken).ConfigureAwait(false);
            var previous = probes.Find(camera.Id);
            if (!probe.Online && previous?.Online != false)
            {
                logger.LogWarning("Camera {DeviceId} does not answer at {Url}: {Error}", camera.Id, camera.StreamUrl, probe.Error);
                await SubmitAsync(camera, ReadingType.Event, """{"type":"offline"}""", cancellationToken).ConfigureAwait(false);
            }

            if (camera.StatusFromProbe)
            {
                var fps = probe.Fps is { } f ? "," + "\"fps\":" + Math.Round(f, 2).ToString(CultureInfo.InvariantCulture) : "";
                var online = probe.Online ? "true" : "false";
                await SubmitAsync(camera, ReadingType.Status,
                    $$"""{"online":{{online}},"recording":{{online}},"streamUrl":"{{camera.StreamUrl}}"{{fps}}}""", cancellationToken).ConfigureAwait(false);
            }

            probes.Record(probe);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Cameras().Any())
        {
            return;
        }

        GlobalFFOptions.Configure(o => o.BinaryFolder = _options.Cameras.FfmpegFolder);
        using var timer = new PeriodicTimer(_options.Cameras.ProbeInterval, time);
        try
        {
            do
            {
                await ProbeAllAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private IEnumerable<DeviceSettings> Cameras() =>
        _options.Devices.Where(d => d.Kind == DeviceKind.Camera.ToWire() && !string.IsNullOrEmpty(d.StreamUrl));

    private async Task<CameraProbe> ProbeAsync(DeviceSettings camera, CancellationToken cancellationToken)
    {
        var url = camera.StreamUrl!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Cameras.ProbeTimeout);
        try
        {
            var analysis = await FFProbe.AnalyseAsync(new Uri(url), new FFOptions { BinaryFolder = _options.Cameras.FfmpegFolder }, null, deadline.Token)
                .WaitAsync(deadline.Token).ConfigureAwait(false);
            var video = analysis.PrimaryVideoStream;
            if (video is null)
            {
                return new CameraProbe(camera.Id, url, time.GetUtcNow(), false, null, null, "no video stream");
            }

            var fps = video.AverageFrameRate > 0 ? video.AverageFrameRate : video.RealFrameRate;
            return new CameraProbe(camera.Id, url, time.GetUtcNow(), true, fps > 0 ? fps : null, video.CodecName, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CameraProbe(camera.Id, url, time.GetUtcNow(), false, null, null, $"no answer within {_options.Cameras.ProbeTimeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new CameraProbe(camera.Id, url, time.GetUtcNow(), false, null, null, FirstLine(ex.Message));
        }
    }

    private Task<SubmitResult> SubmitAsync(DeviceSettings camera, ReadingType type, string data, CancellationToken cancellationToken)
    {
        var room = string.IsNullOrEmpty(camera.Room) ? "" : $",\"room\":\"{camera.Room}\"";
        var body = Encoding.UTF8.GetBytes($$"""{"kind":"camera"{{room}},"data":{{data}}}""");
        return inbox.SubmitReadingAsync(AdapterName, camera.Id, type, body, cancellationToken);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
        return line.Length > 200 ? line[..200] : line;
    }
}
