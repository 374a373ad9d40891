using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Edge.Hosting;
using MQTTnet;
using MQTTnet.Protocol;

namespace CommandCenter.Edge.Mqtt;

/// <summary>
/// Client <c>site-{siteId}</c>: a persistent session (commands sent while the site was offline wait at
/// the broker), the retained offline will, credentials and TLS.
/// </summary>
internal static class MqttClientOptionsFactory
{
    private const uint SessionExpirySeconds = 7 * 24 * 3600;

    public static MqttClientOptions Create(string siteId, MqttSettings settings, byte[] will)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId("site-" + siteId)
            .WithProtocolVersion(settings.ProtocolVersion)
            .WithCleanSession(false)
            .WithSessionExpiryInterval(settings.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500 ? SessionExpirySeconds : 0)
            .WithKeepAlivePeriod(settings.KeepAlive)
            .WithTimeout(settings.ConnectTimeout)
            .WithWillTopic(EdgeTopics.Agent(siteId))
            .WithWillPayload(will)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!string.IsNullOrEmpty(settings.User))
        {
            builder = builder.WithCredentials(settings.User, settings.Password);
        }

        if (settings.UseTls)
        {
            var ca = string.IsNullOrEmpty(settings.CaFile) ? null : X509CertificateLoader.LoadCertificateFromFile(settings.CaFile);
            builder = builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                tls.WithTargetHost(string.IsNullOrEmpty(settings.TlsServerName) ? settings.Host : settings.TlsServerName);
                if (ca is not null)
                {
                    tls.WithCertificateValidationHandler(e => TrustedBy(ca, e.Certificate, e.SslPolicyErrors));
                }
            });
        }

        return builder.Build();
    }

    /// <summary>The broker's certificate chains up to the configured CA and names the host.</summary>
    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
