namespace CommandCenter.Server.Broker;

/// <summary>Completes once the embedded broker listens (at once when the broker is external).</summary>
public sealed class EmbeddedBrokerReady
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => _ready.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);
}
