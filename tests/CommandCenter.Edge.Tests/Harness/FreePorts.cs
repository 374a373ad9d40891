using System.Net;
using System.Net.Sockets;

namespace CommandCenter.Edge.Tests.Harness;

internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
