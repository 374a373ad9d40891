using System.Net;
using CommandCenter.Contracts.Parsing;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Server.Hosting;
using CommandCenter.Server.Ingest;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CommandCenter.Server.Broker;

/// <summary>
/// The in-process MQTT broker of the embedded default. It enforces what a broker ACL does in
/// production: a client named <c>site-{siteId}</c> publishes only under its own site and
/// subscribes only to its own command topics.
/// </summary>
public sealed class EmbeddedBroker(
    IOptions<MqttOptions> options,
    EmbeddedBrokerReady ready,
    IngestStats stats,
    ILogger<EmbeddedBroker> logger) : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Mode != MqttMode.Embedded)
        {
            ready.Set();
            return;
        }

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(settings.Host))
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += ValidateConnection;
        _server.InterceptingPublishAsync += InterceptPublish;
        _server.InterceptingSubscriptionAsync += InterceptSubscription;
        await _server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Host}:{Port}", settings.Host, settings.Port);
        ready.Set();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await StopAsync(CancellationToken.None);
            _server.Dispose();
            _server = null;
        }
    }

    private Task ValidateConnection(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
        }
        else if (SiteOf(e.ClientId) is { } site && !Identifiers.IsSiteId(site))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
        }

        return Task.CompletedTask;
    }

    private Task InterceptPublish(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!options.Value.RequireSiteClientId || !EdgeTopic.TryParse(topic, out var parsed))
        {
            return Task.CompletedTask;
        }

        // The center itself publishes commands; a site publishes everything else, for itself only.
        var sender = SiteOf(e.ClientId);
        var allowed = parsed.Kind == EdgeTopicKind.Command ? sender is null : sender == parsed.SiteId;
        if (!allowed)
        {
            e.ProcessPublish = false;
            stats.RecordRejection(parsed.SiteId, RejectReason.SiteMismatch);
        }

        return Task.CompletedTask;
    }

    private Task InterceptSubscription(InterceptingSubscriptionEventArgs e)
    {
        if (SiteOf(e.ClientId) is { } site)
        {
            var filter = e.TopicFilter.Topic;
            if (filter != EdgeTopics.Command(site) && filter != EdgeTopics.Command(site) + "/#")
            {
                e.ProcessSubscription = false;
                e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The site a client id claims (<c>site-43010201</c> → <c>43010201</c>), or null for other clients.</summary>
    internal static string? SiteOf(string clientId) =>
        clientId.StartsWith("site-", StringComparison.Ordinal) ? clientId["site-".Length..] : null;
}
