using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CommandCenter.Server.Dashboard;

/// <summary>
/// Tells a dashboard when its browser connection came back after a blip: JS calls made while it
/// was away were lost, so the map re-sends its whole state rather than trusting the browser's.
/// </summary>
public sealed class DashboardCircuitHandler : CircuitHandler
{
    public event Func<Task>? Reconnected;

    private bool _wasDown;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasDown && Reconnected is { } handler)
        {
            _wasDown = false;
            await handler();
        }
    }
}
