namespace CommandCenter.Edge.Queue;

internal enum DecodeStatus
{
    Ok,

    /// <summary>The bytes end before the record does: a torn write at the end of a file, or a read that stopped short.</summary>
    Incomplete,

    /// <summary>Wrong marker, impossible length or a CRC mismatch.</summary>
    Corrupt,
}
