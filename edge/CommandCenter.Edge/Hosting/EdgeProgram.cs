using CommandCenter.Edge.Queue;
using Microsoft.Extensions.Options;

namespace CommandCenter.Edge.Hosting;

/// <summary>Runs the agent and turns start-up failures into one clear line and an exit code systemd understands.</summary>
public static class EdgeProgram
{
    /// <summary>EX_CONFIG: a setting is wrong; the unit's RestartPreventExitStatus keeps systemd from looping on it.</summary>
    public const int ConfigurationError = 78;

    /// <summary>EX_TEMPFAIL: the queue or a port could not be had; systemd retries after RestartSec.</summary>
    public const int CannotStart = 75;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = EdgeApp.Build(args);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"cc-edge: configuration error: {failure}").ConfigureAwait(false);
            }

            return ConfigurationError;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or InvalidDataException or FormatException)
        {
            await Console.Error.WriteLineAsync($"cc-edge: configuration error: {ex.Message}").ConfigureAwait(false);
            return ConfigurationError;
        }
        catch (Exception ex) when (ex is QueueUnavailableException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"cc-edge: cannot start: {ex.Message}").ConfigureAwait(false);
            return CannotStart;
        }
    }
}
