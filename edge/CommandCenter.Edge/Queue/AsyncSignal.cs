namespace CommandCenter.Edge.Queue;

/// <summary>An auto-reset event: a <see cref="Set"/> before the wait is not lost, many sets wake the waiter once.</summary>
internal sealed class AsyncSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another Set won the race; the waiter wakes either way.
            }
        }
    }

    /// <summary>True when set, false when the timeout passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
