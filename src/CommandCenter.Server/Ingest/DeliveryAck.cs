namespace CommandCenter.Server.Ingest;

/// <summary>
/// The broker acknowledgement of one MQTT message, sent once every grain call carrying a part of it
/// has returned (and so has written its state). Until then the broker keeps the message and
/// redelivers it if this silo dies; grains recognise the redelivered duplicate.
/// </summary>
public sealed class DeliveryAck
{
    private readonly Func<Task>? _acknowledge;
    private int _holds = 1;

    public DeliveryAck(Func<Task>? acknowledge) => _acknowledge = acknowledge;

    /// <summary>For messages that need no acknowledgement (tests, QoS 0).</summary>
    public static DeliveryAck None() => new(null);

    public void Hold() => Interlocked.Increment(ref _holds);

    public void Release()
    {
        if (Interlocked.Decrement(ref _holds) == 0 && _acknowledge is not null)
        {
            _ = Send();
        }
    }

    private async Task Send()
    {
        try
        {
            await _acknowledge!();
        }
        catch (Exception)
        {
            // The connection is gone: the broker redelivers the message on the next session.
        }
    }
}
