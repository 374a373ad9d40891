using System.Buffers.Binary;
using System.IO.Hashing;

namespace CommandCenter.Edge.Queue;

/// <summary>
/// The durable "acknowledged up to" mark of a log: every record with a seq at or below it has been
/// PUBACKed. 8 bytes of seq and their CRC-32, replaced atomically.
/// </summary>
internal sealed class AckCursor(string path)
{
    public string Path { get; } = path;

    /// <summary>The stored mark; 0 when there is none; null when the file is damaged.</summary>
    public long? Read()
    {
        if (!File.Exists(Path))
        {
            return 0;
        }

        var bytes = File.ReadAllBytes(Path);
        if (bytes.Length != 12 || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)) != Crc32.HashToUInt32(bytes.AsSpan(0, 8)))
        {
            return null;
        }

        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    public void Write(long ackedSeq)
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, ackedSeq);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], Crc32.HashToUInt32(bytes[..8]));
        DurableFiles.ReplaceAtomically(Path, bytes);
    }
}
