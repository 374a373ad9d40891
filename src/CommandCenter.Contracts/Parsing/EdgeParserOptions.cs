namespace CommandCenter.Contracts.Parsing;

/// <summary>Limits the parser enforces. Defaults follow the protocol document.</summary>
public sealed class EdgeParserOptions
{
    /// <summary>Largest payload accepted (protocol: 256 KiB).</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>How far a timestamp may lie ahead of the center's clock.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most items in one batch.</summary>
    public int MaxBatchItems { get; set; } = 2000;

    /// <summary>Longest free text (notes, report text, details).</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Most staff ids in one custody or door event.</summary>
    public int MaxStaff { get; set; } = 32;
}
