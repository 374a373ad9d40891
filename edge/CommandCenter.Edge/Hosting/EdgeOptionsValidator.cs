using CommandCenter.Contracts.Protocol;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Hosting;

/// <summary>Fails the start on a bad setting, naming its configuration key.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        Check(Identifiers.IsSiteId(options.SiteId),
            $"Edge:SiteId must be 8 digits (county code and site number), got '{options.SiteId}'.");
        Check(!string.IsNullOrWhiteSpace(options.QueueDirectory), "Edge:QueueDirectory is required.");
        Check(options.MaxDevices is >= 1 and <= 100_000, "Edge:MaxDevices must be 1-100000.");

        var mqtt = options.Mqtt;
        Check(!string.IsNullOrWhiteSpace(mqtt.Host), "Edge:Mqtt:Host is required.");
        Check(mqtt.Port is >= 1 and <= 65535, $"Edge:Mqtt:Port must be 1-65535, got {mqtt.Port}.");
        Check(string.IsNullOrEmpty(mqtt.Password) || !string.IsNullOrEmpty(mqtt.User), "Edge:Mqtt:Password is set but Edge:Mqtt:User is not.");
        Check(string.IsNullOrEmpty(mqtt.CaFile) || File.Exists(mqtt.CaFile), $"Edge:Mqtt:CaFile '{mqtt.CaFile}' does not exist.");
        Check(string.IsNullOrEmpty(mqtt.CaFile) || mqtt.UseTls, "Edge:Mqtt:CaFile is set but Edge:Mqtt:UseTls is false.");
        Check(mqtt.MinReconnectDelay > TimeSpan.Zero, "Edge:Mqtt:MinReconnectDelay must be positive.");
        Check(mqtt.MaxReconnectDelay >= mqtt.MinReconnectDelay, "Edge:Mqtt:MaxReconnectDelay must not be shorter than Edge:Mqtt:MinReconnectDelay.");
        Check(mqtt.KeepAlive >= TimeSpan.FromSeconds(1), "Edge:Mqtt:KeepAlive must be at least 1 second.");
        Check(mqtt.ConnectTimeout > TimeSpan.Zero, "Edge:Mqtt:ConnectTimeout must be positive.");
        Check(mqtt.MaxInflight is >= 1 and <= 1000, "Edge:Mqtt:MaxInflight must be 1-1000.");
        Check(mqtt.MaxMessagesPerSecond is >= 0 and <= 1_000_000, "Edge:Mqtt:MaxMessagesPerSecond must be 0 (no limit) to 1000000.");
        Check(mqtt.MaxRecordsPerMessage is >= 1 and <= 400, "Edge:Mqtt:MaxRecordsPerMessage must be 1-400.");

        Check(System.Net.IPAddress.TryParse(options.Http.Address, out _), $"Edge:Http:Address must be an IP address, got '{options.Http.Address}'.");
        Check(options.Http.Port is >= 0 and <= 65535, $"Edge:Http:Port must be 0-65535, got {options.Http.Port}.");

        Check(options.Queue.MaxBytes >= QueueSettings.MinMaxBytes,
            $"Edge:Queue:MaxBytes must be at least {QueueSettings.MinMaxBytes} bytes, got {options.Queue.MaxBytes}.");
        Check(options.Queue.SegmentBytes >= 16 * 1024, "Edge:Queue:SegmentBytes must be at least 16384.");
        Check(options.Batching.Window >= TimeSpan.FromMilliseconds(50) && options.Batching.Window <= TimeSpan.FromMinutes(1),
            "Edge:Batching:Window must be between 50 ms and 1 minute.");

        Check(options.Simulated.Rooms is >= 0 and <= 999, $"Edge:Simulated:Rooms must be 0-999, got {options.Simulated.Rooms}.");
        Check(options.Simulated.StatusInterval >= TimeSpan.FromMilliseconds(50), "Edge:Simulated:StatusInterval must be at least 50 ms.");
        Check(options.Simulated.EventsPerSecond is >= 0 and <= 10_000, "Edge:Simulated:EventsPerSecond must be 0-10000.");

        Check(System.Net.IPAddress.TryParse(options.Line.Address, out _), $"Edge:Line:Address must be an IP address, got '{options.Line.Address}'.");
        Check(options.Line.Port is >= 0 and <= 65535, $"Edge:Line:Port must be 0-65535, got {options.Line.Port}.");

        Check(options.Clock.Reference is "center" or "ntp", $"Edge:Clock:Reference must be 'center' or 'ntp', got '{options.Clock.Reference}'.");
        Check(options.Clock.Reference != "ntp" || !string.IsNullOrWhiteSpace(options.Clock.NtpServer),
            "Edge:Clock:NtpServer is required when Edge:Clock:Reference is 'ntp'.");
        Check(options.Clock.CheckInterval >= TimeSpan.FromSeconds(1), "Edge:Clock:CheckInterval must be at least 1 second.");
        Check(options.Clock.ToleranceMs > 0, "Edge:Clock:ToleranceMs must be positive.");
        Check(options.Cameras.ProbeInterval >= TimeSpan.FromSeconds(1), "Edge:Cameras:ProbeInterval must be at least 1 second.");
        Check(options.Cameras.ProbeTimeout > TimeSpan.Zero, "Edge:Cameras:ProbeTimeout must be positive.");

        ValidateDevices(options.Devices, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateDevices(List<DeviceSettings> devices, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < devices.Count; i++)
        {
            var device = devices[i];
            var key = $"Edge:Devices:{i}";
            if (!Identifiers.IsDeviceId(device.Id))
            {
                problems.Add($"{key}:Id must match [A-Za-z0-9_.-]{{1,64}}, got '{device.Id}'.");
            }
            else if (!seen.Add(device.Id))
            {
                problems.Add($"{key}:Id '{device.Id}' is declared twice.");
            }

            if (!DeviceKinds.TryParse(device.Kind, out var kind))
            {
                problems.Add($"{key}:Kind must be clock, jammer, metal_detector, id_reader, camera or vault_door, got '{device.Kind}'.");
            }

            if (!string.IsNullOrEmpty(device.Room) && !Identifiers.IsRoom(device.Room))
            {
                problems.Add($"{key}:Room must be 3 digits, got '{device.Room}'.");
            }

            if (device.StreamUrl is { Length: > 0 } url
                && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "rtsp" or "rtsps" or "http" or "https"))
            {
                problems.Add($"{key}:StreamUrl must be an rtsp or http URL, got '{url}'.");
            }

            if (device.StatusFromProbe && (kind != DeviceKind.Camera || string.IsNullOrEmpty(device.StreamUrl)))
            {
                problems.Add($"{key}:StatusFromProbe needs a camera with a StreamUrl.");
            }
        }
    }
}
