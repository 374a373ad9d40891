using System.Globalization;
using System.Text;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Devices.Simulated;

/// <summary>
/// <c>Edge:Simulated:Rooms</c> rooms of simulated devices: every device reports its status each
/// <c>StatusInterval</c>; identity checks arrive at <c>EventsPerSecond</c>. Everything goes through
/// the inbox like a real device's message.
/// </summary>
public sealed class SimulatedDeviceAdapter(IOptions<EdgeOptions> options, DeviceRegistry registry, TimeProvider time) : IDeviceAdapter
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly SimulatedSettings _settings = options.Value.Simulated;
    private readonly string _siteId = options.Value.SiteId;

    public string Name => "simulated";

    public async Task RunAsync(DeviceInbox inbox, CancellationToken stoppingToken)
    {
        if (_settings.Rooms == 0)
        {
            return;
        }

        var devices = SimulatedDevice.ForSite(_settings.Rooms);
        foreach (var device in devices)
        {
            registry.Declare(device.Id, device.Kind, device.Room, Name);
        }

        var random = new Random(_settings.Seed);
        var idReaders = devices.Where(d => d.Kind == DeviceKind.IdReader && d.Room is not null).ToList();
        var tick = _settings.StatusInterval < Tick ? _settings.StatusInterval : Tick;
        var nextStatus = time.GetUtcNow();
        var eventsDue = 0.0;
        var seat = 0;
        using var timer = new PeriodicTimer(tick, time);
        try
        {
            do
            {
                var now = time.GetUtcNow();
                if (now >= nextStatus)
                {
                    nextStatus = now + _settings.StatusInterval;
                    foreach (var device in devices)
                    {
                        await inbox.SubmitReadingAsync(Name, device.Id, ReadingType.Status, Status(device, random), stoppingToken).ConfigureAwait(false);
                    }
                }

                eventsDue += _settings.EventsPerSecond * tick.TotalSeconds;
                for (; eventsDue >= 1 && idReaders.Count > 0; eventsDue--)
                {
                    var reader = idReaders[random.Next(idReaders.Count)];
                    seat = seat % 30 + 1;
                    await inbox.SubmitReadingAsync(Name, reader.Id, ReadingType.Event, Verification(reader, seat, random), stoppingToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private byte[] Status(SimulatedDevice device, Random random)
    {
        var data = device.Kind switch
        {
            DeviceKind.Clock => $$"""{"offsetMs":{{random.Next(-30, 31)}},"synced":true,"source":"bds"}""",
            DeviceKind.Jammer => """{"on":true,"fault":null}""",
            DeviceKind.MetalDetector => $$"""{"ready":true,"batteryPct":{{random.Next(60, 101)}}}""",
            DeviceKind.IdReader => """{"ready":true}""",
            DeviceKind.Camera => $$"""{"online":true,"recording":true,"streamUrl":"rtsp://sim.local/{{_siteId}}/{{device.Id}}","fps":25}""",
            _ => """{"closed":true,"locked":true}""",
        };
        return Envelope(device, data);
    }

    private byte[] Verification(SimulatedDevice reader, int seat, Random random)
    {
        var ticket = _siteId + reader.Room + seat.ToString("D2", CultureInfo.InvariantCulture);
        var (result, score) = random.NextDouble() < 0.985 ? ("match", 0.86 + random.NextDouble() * 0.13) : ("mismatch", 0.2 + random.NextDouble() * 0.3);
        var data = $$"""{"type":"verify","ticket":"{{ticket}}","result":"{{result}}","score":{{score.ToString("0.000", CultureInfo.InvariantCulture)}}}""";
        return Envelope(reader, data);
    }

    private static byte[] Envelope(SimulatedDevice device, string data)
    {
        var room = device.Room is null ? "" : $",\"room\":\"{device.Room}\"";
        return Encoding.UTF8.GetBytes($$"""{"kind":"{{device.Kind.ToWire()}}"{{room}},"data":{{data}}}""");
    }
}
