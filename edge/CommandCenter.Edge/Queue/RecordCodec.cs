using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace CommandCenter.Edge.Queue;

/// <summary>
/// One queue record on disk (little-endian):
/// marker <c>CC E0 51 31</c> · CRC-32 of the length and body · body length (int32) · body =
/// seq (int64) · enqueued-at Unix ms (int64) · topic length (uint16) · topic (UTF-8) · payload (UTF-8 JSON).
/// </summary>
internal static class RecordCodec
{
    public const int HeaderSize = 12;
    public const int MaxBodySize = 320 * 1024;
    private const int FixedBodySize = 18;

    // CC E0 is never valid UTF-8, so the marker cannot occur inside a topic or a JSON payload:
    // after damage, the next marker is where the next record starts.
    public static ReadOnlySpan<byte> Marker => [0xCC, 0xE0, 0x51, 0x31];

    public static int SizeOf(int topicBytes, int payloadBytes) => HeaderSize + FixedBodySize + topicBytes + payloadBytes;

    public static void Write(Span<byte> destination, long seq, long enqueuedUnixMs, ReadOnlySpan<byte> topic, ReadOnlySpan<byte> payload)
    {
        var bodyLength = FixedBodySize + topic.Length + payload.Length;
        Marker.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], bodyLength);
        var body = destination.Slice(HeaderSize, bodyLength);
        BinaryPrimitives.WriteInt64LittleEndian(body, seq);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], enqueuedUnixMs);
        BinaryPrimitives.WriteUInt16LittleEndian(body[16..], checked((ushort)topic.Length));
        topic.CopyTo(body[FixedBodySize..]);
        payload.CopyTo(body[(FixedBodySize + topic.Length)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Crc32.HashToUInt32(destination[8..(HeaderSize + bodyLength)]));
    }

    public static DecodeStatus TryRead(ReadOnlySpan<byte> source, out RecordHeader header)
    {
        header = default;
        var markerPart = Math.Min(source.Length, Marker.Length);
        if (!source[..markerPart].SequenceEqual(Marker[..markerPart]))
        {
            return DecodeStatus.Corrupt;
        }

        if (source.Length < HeaderSize)
        {
            return DecodeStatus.Incomplete;
        }

        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(source[8..]);
        if (bodyLength is < FixedBodySize or > MaxBodySize)
        {
            return DecodeStatus.Corrupt;
        }

        if (source.Length < HeaderSize + bodyLength)
        {
            return DecodeStatus.Incomplete;
        }

        var body = source.Slice(HeaderSize, bodyLength);
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[4..]) != Crc32.HashToUInt32(source[8..(HeaderSize + bodyLength)]))
        {
            return DecodeStatus.Corrupt;
        }

        var topicLength = BinaryPrimitives.ReadUInt16LittleEndian(body[16..]);
        if (FixedBodySize + topicLength > bodyLength)
        {
            return DecodeStatus.Corrupt;
        }

        header = new RecordHeader(
            BinaryPrimitives.ReadInt64LittleEndian(body),
            BinaryPrimitives.ReadInt64LittleEndian(body[8..]),
            topicLength,
            HeaderSize + bodyLength);
        return DecodeStatus.Ok;
    }

    /// <summary>The message of a record that <see cref="TryRead"/> found valid.</summary>
    public static QueuedMessage Decode(ReadOnlySpan<byte> record, RecordHeader header, QueueClass queueClass)
    {
        var body = record[HeaderSize..header.Size];
        var topic = Encoding.UTF8.GetString(body.Slice(FixedBodySize, header.TopicLength));
        var payload = body[(FixedBodySize + header.TopicLength)..].ToArray();
        return new QueuedMessage(queueClass, header.Seq, DateTimeOffset.FromUnixTimeMilliseconds(header.EnqueuedUnixMs), topic, payload);
    }

    /// <summary>Where the next valid record starts at or after <paramref name="from"/>; the length when none does.</summary>
    public static int NextValidOffset(ReadOnlySpan<byte> data, int from)
    {
        while (from < data.Length)
        {
            var found = data[from..].IndexOf(Marker);
            if (found < 0)
            {
                return data.Length;
            }

            var offset = from + found;
            if (TryRead(data[offset..], out _) == DecodeStatus.Ok)
            {
                return offset;
            }

            from = offset + 1;
        }

        return data.Length;
    }
}
