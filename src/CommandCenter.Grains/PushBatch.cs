using Orleans.Runtime;

namespace CommandCenter.Grains;

/// <summary>
/// Gathers a grain's changes and runs one flush per interval at most: the first change arms a
/// one-shot grain timer, later changes ride along. This is what bounds pushes to ~4 a second.
/// </summary>
internal sealed class PushBatch
{
    private readonly IGrainTimer _timer;
    private readonly TimeSpan _interval;
    private bool _armed;

    public PushBatch(IGrainBase grain, TimeSpan interval, Func<Task> flush)
    {
        _interval = interval;
        _timer = grain.RegisterGrainTimer(
            async () =>
            {
                _armed = false;
                await flush();
            },
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    public void MarkDirty()
    {
        if (!_armed)
        {
            _armed = true;
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
    }
}
