using System.Buffers.Binary;
using System.Net.Sockets;

namespace CommandCenter.Edge.Checks;

/// <summary>One SNTP (RFC 4330) exchange: how far the local clock is from the server's.</summary>
internal static class SntpClient
{
    private static readonly DateTimeOffset NtpEpoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Local minus server, in milliseconds. <paramref name="server"/> is "host" or "host:port".</summary>
    public static async Task<long> QueryOffsetMsAsync(string server, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (host, port) = SplitHostPort(server);
        using var udp = new UdpClient();
        udp.Connect(host, port);
        var request = new byte[48];
        request[0] = 0x23; // LI 0, version 4, mode 3 (client)
        var sent = time.GetUtcNow();
        WriteTimestamp(request.AsSpan(40), sent);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await udp.SendAsync(request, deadline.Token).ConfigureAwait(false);
        var reply = await udp.ReceiveAsync(deadline.Token).ConfigureAwait(false);
        var arrived = time.GetUtcNow();
        if (reply.Buffer.Length < 48 || (reply.Buffer[0] & 0x7) is not (4 or 5))
        {
            throw new InvalidDataException($"{server} did not answer as an NTP server");
        }

        var serverReceived = ReadTimestamp(reply.Buffer.AsSpan(32));
        var serverSent = ReadTimestamp(reply.Buffer.AsSpan(40));
        var serverMinusLocal = ((serverReceived - sent) + (serverSent - arrived)) / 2;
        return (long)Math.Round(-serverMinusLocal.TotalMilliseconds);
    }

    internal static void WriteTimestamp(Span<byte> destination, DateTimeOffset at)
    {
        var since = at - NtpEpoch;
        var seconds = (ulong)since.Ticks / TimeSpan.TicksPerSecond;
        var fraction = (ulong)since.Ticks % TimeSpan.TicksPerSecond * 0x1_0000_0000UL / TimeSpan.TicksPerSecond;
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)seconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)fraction);
    }

    internal static DateTimeOffset ReadTimestamp(ReadOnlySpan<byte> source)
    {
        var seconds = BinaryPrimitives.ReadUInt32BigEndian(source);
        var fraction = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        return NtpEpoch + TimeSpan.FromTicks((long)seconds * TimeSpan.TicksPerSecond + (long)(fraction * (ulong)TimeSpan.TicksPerSecond >> 32));
    }

    private static (string Host, int Port) SplitHostPort(string server)
    {
        var colon = server.LastIndexOf(':');
        return colon > 0 && int.TryParse(server.AsSpan(colon + 1), out var port) ? (server[..colon], port) : (server, 123);
    }
}
