using MQTTnet;

namespace CommandCenter.Server.Hosting;

/// <summary>
/// External broker, at start: one probe connection with ingest's settings, so a wrong host, port,
/// account or CA stops the silo with the key's name instead of retrying forever. (A broker that
/// goes away later is reconnected to with backoff.)
/// </summary>
internal static class BrokerCheck
{
    public static string? Problem(MqttOptions settings)
    {
        if (settings.Mode != MqttMode.External)
        {
            return null;
        }

        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId($"{settings.ClientId}-probe")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (!string.IsNullOrEmpty(settings.User))
        {
            options.WithCredentials(settings.User, settings.Password);
        }

        if (settings.UseTls)
        {
            options.WithTlsOptions(o => MqttTls.Configure(o, settings));
        }

        try
        {
            var result = client.ConnectAsync(options.Build()).GetAwaiter().GetResult();
            client.DisconnectAsync().GetAwaiter().GetResult();
            return result.ResultCode == MqttClientConnectResultCode.Success
                ? null
                : $"Mqtt:User / Mqtt:Password: the broker at {settings.Host}:{settings.Port} refused ingest's account ({result.ResultCode}).";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var what = settings.UseTls ? "Mqtt:Host / Mqtt:Port / Mqtt:UseTls / Mqtt:CaFile" : "Mqtt:Host / Mqtt:Port";
            return $"{what}: no MQTT broker answers at {settings.Host}:{settings.Port} ({ex.GetBaseException().Message}).";
        }
    }
}
