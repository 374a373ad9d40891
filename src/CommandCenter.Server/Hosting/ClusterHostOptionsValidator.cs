using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Hosting;

/// <summary>Cross-field checks of the cluster and broker settings, named by their configuration keys.</summary>
internal sealed class ClusterHostOptionsValidator(IOptions<RedisOptions> redis) : IValidateOptions<ClusterHostOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterHostOptions options)
    {
        if (options.SiloPort == options.GatewayPort)
        {
            return ValidateOptionsResult.Fail("Cluster:SiloPort and Cluster:GatewayPort must differ.");
        }

        if (options.Provider != ClusterProvider.Redis)
        {
            return ValidateOptionsResult.Success;
        }

        if (!System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            return ValidateOptionsResult.Fail($"Cluster:AdvertisedAddress must be an IP address (got '{options.AdvertisedAddress}').");
        }

        if (string.IsNullOrWhiteSpace(options.SiloName))
        {
            return ValidateOptionsResult.Fail("Cluster:SiloName must not be empty with Cluster:Provider=Redis.");
        }

        return RedisConnection.Check(redis.Value.Configuration) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}

internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        if (options.Mode == MqttMode.Embedded && !System.Net.IPAddress.TryParse(options.Host, out _))
        {
            return ValidateOptionsResult.Fail($"Mqtt:Host must be an IP address to listen on in Embedded mode (got '{options.Host}').");
        }

        if (options.ClientId.StartsWith("site-", StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail("Mqtt:ClientId must not start with 'site-' (reserved for site agents).");
        }

        if (options.IngestConnections > 1 && (options.Mode != MqttMode.External || string.IsNullOrWhiteSpace(options.SharedGroup)))
        {
            return ValidateOptionsResult.Fail("Mqtt:IngestConnections > 1 needs Mqtt:Mode=External and a Mqtt:SharedGroup.");
        }

        if (options.UseTls && !string.IsNullOrWhiteSpace(options.CaFile) && !File.Exists(options.CaFile))
        {
            return ValidateOptionsResult.Fail($"Mqtt:CaFile: no file at '{options.CaFile}'.");
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            return ValidateOptionsResult.Fail("Mqtt:MaxReconnectDelay must not be shorter than Mqtt:ReconnectDelay.");
        }

        return BrokerCheck.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
