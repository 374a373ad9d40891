using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Server.Tests.Harness;

/// <summary>
/// Records every Error or Critical log line, so a fixture can fail when the server logged one. SignalR
/// logs a hub method that throws <c>HubException</c> as an error; those are the hub's deliberate refusals
/// (out of scope, unknown site) that the tests provoke, so they are not recorded.
/// </summary>
internal sealed class ErrorLogRecorder : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, Errors);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && !(exception is Microsoft.AspNetCore.SignalR.HubException && category.EndsWith("DefaultHubDispatcher", StringComparison.Ordinal)))
            {
                errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}");
            }
        }
    }
}
