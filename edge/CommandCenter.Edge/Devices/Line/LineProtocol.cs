using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace CommandCenter.Edge.Devices.Line;

/// <summary>
/// One JSON object per line (a batch item: <c>deviceId</c>, <c>kind</c>, <c>room</c>, <c>data</c>;
/// <c>msgId</c> and <c>ts</c> optional), answered line by line: <c>ok {msgId}</c>,
/// <c>error {reason} {detail}</c>, or <c>retry {detail}</c> when the queue cannot take it now.
/// </summary>
internal static class LineProtocol
{
    public const int MaxLineBytes = 256 * 1024;

    public static async Task RunAsync(Stream stream, DeviceInbox inbox, string adapter, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var discarding = false;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, end);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                    if (discarding)
                    {
                        discarding = false;
                        continue;
                    }

                    var reply = await HandleLineAsync(line.ToArray(), inbox, adapter, cancellationToken).ConfigureAwait(false);
                    if (reply is not null)
                    {
                        await WriteLineAsync(stream, reply, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (buffer.Length > MaxLineBytes)
                {
                    if (!discarding)
                    {
                        await WriteLineAsync(stream, $"error too_large line longer than {MaxLineBytes} bytes", cancellationToken).ConfigureAwait(false);
                    }

                    discarding = true;
                    buffer = buffer.Slice(buffer.End);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async Task<string?> HandleLineAsync(byte[] line, DeviceInbox inbox, string adapter, CancellationToken cancellationToken)
    {
        var length = line.Length;
        while (length > 0 && line[length - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            length--;
        }

        if (length == 0)
        {
            return null;
        }

        var result = await inbox.SubmitReadingAsync(adapter, null, null, line.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            SubmitOutcome.Queued or SubmitOutcome.Batched => $"ok {result.MsgId}",
            SubmitOutcome.Rejected => $"error {result.Error} {OneLine(result.Detail)}",
            _ => $"retry {OneLine(result.Detail)}",
        };
    }

    private static string OneLine(string? text) => (text ?? "").ReplaceLineEndings(" ");

    private static async Task WriteLineAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text + "\n"), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
