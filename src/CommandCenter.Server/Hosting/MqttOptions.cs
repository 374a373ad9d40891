using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Server.Hosting;

public enum MqttMode
{
    /// <summary>An MQTTnet broker inside this process (the embedded default).</summary>
    Embedded,
    /// <summary>An external broker such as Mosquitto (the production profile).</summary>
    External,
}

/// <summary>Section "Mqtt": where the broker is and how ingest connects to it.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    public MqttMode Mode { get; set; } = MqttMode.Embedded;

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    public string? User { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate (else the system's trust store).</summary>
    public string? CaFile { get; set; }

    /// <summary>Client id of this silo's ingest connection; must be unique per silo.</summary>
    [Required]
    public string ClientId { get; set; } = $"cc-ingest-{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// Shared-subscription group (<c>$share/{group}/…</c>) so that every silo takes a part of the
    /// traffic; used with an external broker. Empty: a plain subscription.
    /// </summary>
    public string? SharedGroup { get; set; } = "cc-ingest";

    /// <summary>
    /// MQTT connections this silo's ingest opens. More than one needs a shared subscription
    /// (external broker): the broker then spreads the sites' messages over them.
    /// </summary>
    [Range(1, 16)]
    public int IngestConnections { get; set; } = 1;

    /// <summary>
    /// How long the broker keeps this silo's ingest session (and the messages it has not
    /// acknowledged yet) after the connection drops. A restarted silo resumes it under the same
    /// client id; meanwhile a surviving silo takes it over.
    /// </summary>
    [Range(0, 7 * 24 * 3600)]
    public uint SessionExpirySeconds { get; set; } = 3600;

    /// <summary>Unacknowledged QoS 1 messages the broker may have in flight to one ingest connection.</summary>
    [Range(1, 65535)]
    public ushort ReceiveMaximum { get; set; } = 2000;

    /// <summary>Embedded broker: only a client named <c>site-{siteId}</c> may publish under that site.</summary>
    public bool RequireSiteClientId { get; set; } = true;

    /// <summary>First reconnect delay; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The topic filter ingest subscribes to.</summary>
    public string SubscriptionFilter(string topicFilter) =>
        Mode == MqttMode.External && !string.IsNullOrWhiteSpace(SharedGroup) ? $"$share/{SharedGroup}/{topicFilter}" : topicFilter;
}
