using CommandCenter.Plan;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Plan;

/// <summary>Imports <c>Plan:File</c> when the server starts; a plan with problems stops the start with every problem logged.</summary>
public sealed class PlanStartupImport(
    IOptions<PlanOptions> options,
    PlanImporter importer,
    TimeProvider time,
    ILogger<PlanStartupImport> logger) : IHostedService
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.File))
        {
            return;
        }

        var path = options.Value.File;
        var raw = Directory.Exists(path)
            ? CsvPlanReader.ReadDirectory(path)
            : JsonPlanReader.Read(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken));
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Beijing).DateTime);
        var result = await importer.Import(raw, options.Value.RebaseToToday ? p => PlanRebase.ToDay(p, today) : null);
        if (!result.Ok)
        {
            foreach (var problem in result.Problems)
            {
                logger.LogError("Plan problem {Problem}", problem.ToString());
            }

            throw new InvalidOperationException($"Plan:File {path} has {result.Problems.Count} problem(s); see the log");
        }

        logger.LogInformation("Plan {ExamId} from {Path}: {Outcome}", result.Summary!.ExamId, path, result.Outcome);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
