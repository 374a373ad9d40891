using System.Diagnostics;

namespace CommandCenter.Video.Processes;

/// <summary>
/// One ffmpeg child process: started with an argument list (no shell), its stderr kept as the last
/// few lines for error messages, stopped by 'q' on stdin (so files are finalised) and killed if it
/// does not go. Always awaited after exit, so no zombie is left; listed in the table while alive.
/// </summary>
public sealed class FfmpegProcess : IAsyncDisposable
{
    private const int KeptLines = 20;
    private readonly Process _process;
    private readonly FfmpegProcessTable _table;
    private readonly Queue<string> _lastLines = new();
    private readonly Task _stderr;
    private readonly Action<string>? _onLine;
    private int _stopping;

    private FfmpegProcess(Process process, FfmpegProcessTable table, FfmpegProcessInfo info, Action<string>? onLine)
    {
        _process = process;
        _table = table;
        _onLine = onLine;
        Info = info;
        table.Add(this);
        _stderr = Task.Run(ReadStderr);
        Exited = WaitAndForget();
    }

    public FfmpegProcessInfo Info { get; }

    /// <summary>Standard output, for ffmpeg writing to <c>pipe:1</c>.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Completes with the exit code once the process has exited and its stderr is read.</summary>
    public Task<int> Exited { get; }

    /// <summary>True when the process was asked to stop (so its exit is expected).</summary>
    public bool StopRequested => Volatile.Read(ref _stopping) == 1;

    public bool HasExited => Exited.IsCompleted;

    public string LastError
    {
        get
        {
            lock (_lastLines)
            {
                return _lastLines.LastOrDefault(l => l.Length > 0) ?? "";
            }
        }
    }

    public static FfmpegProcess Start(string ffmpeg, IEnumerable<string> arguments, FfmpegProcessTable table, string purpose,
        string? cameraId, TimeProvider time, Action<string>? onStderrLine = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ffmpeg}");
        var info = new FfmpegProcessInfo(process.Id, purpose, cameraId, time.GetUtcNow(), null);
        return new FfmpegProcess(process, table, info, onStderrLine);
    }

    /// <summary>Asks ffmpeg to finish ('q'), kills it after <paramref name="grace"/>, and waits for the exit.</summary>
    public async Task Stop(TimeSpan grace)
    {
        Interlocked.Exchange(ref _stopping, 1);
        if (!HasExited)
        {
            try
            {
                await _process.StandardInput.WriteAsync('q');
                await _process.StandardInput.FlushAsync();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Already gone: nothing to ask.
            }

            if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
            {
                Kill();
            }
        }

        await Exited;
    }

    public void Kill()
    {
        Interlocked.Exchange(ref _stopping, 1);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Exited;
        _process.Dispose();
    }

    private async Task<int> WaitAndForget()
    {
        try
        {
            await _process.WaitForExitAsync();
            await _stderr;
            return _process.ExitCode;
        }
        finally
        {
            _table.Remove(this);
        }
    }

    private async Task ReadStderr()
    {
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_lastLines)
            {
                _lastLines.Enqueue(line);
                if (_lastLines.Count > KeptLines)
                {
                    _lastLines.Dequeue();
                }
            }

            _onLine?.Invoke(line);
        }
    }
}
