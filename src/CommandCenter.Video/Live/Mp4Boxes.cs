using System.Buffers.Binary;

namespace CommandCenter.Video.Live;

/// <summary>Reads top-level ISO BMFF boxes from fragmented MP4 as ffmpeg writes it: ftyp, moov, then moof+mdat pairs.</summary>
internal static class Mp4Boxes
{
    private const int MaxBox = 64 * 1024 * 1024;

    /// <summary>The next whole box (header included), or null at the end of the stream.</summary>
    public static async Task<(string Type, byte[] Bytes)?> Next(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        if (!await Fill(stream, header, cancellationToken))
        {
            return null;
        }

        long size = BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
        var headerLength = 8;
        byte[]? large = null;
        if (size == 1)
        {
            large = new byte[8];
            if (!await Fill(stream, large, cancellationToken))
            {
                return null;
            }

            size = (long)BinaryPrimitives.ReadUInt64BigEndian(large);
            headerLength = 16;
        }

        if (size < headerLength || size > MaxBox)
        {
            throw new InvalidDataException($"MP4 box '{type}' of {size} bytes");
        }

        var bytes = new byte[size];
        header.CopyTo(bytes, 0);
        large?.CopyTo(bytes, 8);
        return await Fill(stream, bytes.AsMemory(headerLength), cancellationToken) ? (type, bytes) : null;
    }

    /// <summary>The RFC 6381 codec string (avc1.PPCCLL) from the avcC box of an init segment.</summary>
    public static string CodecOf(byte[] init)
    {
        var at = init.AsSpan().IndexOf("avcC"u8);
        return at >= 0 && at + 8 <= init.Length
            ? $"avc1.{init[at + 5]:x2}{init[at + 6]:x2}{init[at + 7]:x2}"
            : "avc1.42e01e";
    }

    private static async Task<bool> Fill(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[read..], cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
