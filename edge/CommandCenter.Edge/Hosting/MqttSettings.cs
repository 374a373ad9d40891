using MQTTnet.Formatter;

namespace CommandCenter.Edge.Hosting;

/// <summary>Section "Edge:Mqtt": the center's broker and how to reach it.</summary>
public sealed class MqttSettings
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string? User { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>PEM file with the CA that signed the broker's certificate; empty: the system's trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>Server name checked against the broker's certificate; empty: <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }

    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubles (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>QoS 1 messages published and not yet acknowledged (PUBACK) at any time.</summary>
    public int MaxInflight { get; set; } = 32;

    /// <summary>
    /// Pace of publishing, kept under the center's per-site limit (<c>Ingest:PerSiteMessagesPerSecond</c>, 200 by
    /// default): the broker acknowledges what the center may then refuse as rate-limited. 0: no limit.
    /// </summary>
    public int MaxMessagesPerSecond { get; set; } = 100;

    /// <summary>A backlog is sent as batch messages of up to this many queued records each (1: never merge).</summary>
    public int MaxRecordsPerMessage { get; set; } = 100;
}
