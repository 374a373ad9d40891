using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace CommandCenter.Server.Hosting;

/// <summary>TLS to the external broker: the system's trust store, or the CA in <c>Mqtt:CaFile</c>.</summary>
internal static class MqttTls
{
    public static void Configure(MqttClientTlsOptionsBuilder tls, MqttOptions settings)
    {
        tls.UseTls();
        if (string.IsNullOrWhiteSpace(settings.CaFile))
        {
            return;
        }

        var ca = X509CertificateLoader.LoadCertificateFromFile(settings.CaFile);
        tls.WithTrustChain([ca]);
    }
}
