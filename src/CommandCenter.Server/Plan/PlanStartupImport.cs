using CommandCenter.Plan;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Plan;

/// <summary>Imports <c>Plan:File</c> when the server starts; a plan with problems stops the start with every problem logged.</summary>
public sealed class PlanStartupImport(
    IOptions<PlanOptions> options,
    PlanImporter importer,
    TimeProvider time,
    IHostEnvironment environment,
    ILogger<PlanStartupImport> logger) : IHostedService
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.File))
        {
            return;
        }

        var path = Resolve(options.Value.File, environment.ContentRootPath);
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

    /// <summary>
    /// A relative path is looked up from the working directory, then from the content root and its parents
    /// (<c>dotnet run --project</c> runs in the project's directory; the sample plan is at the repository's root).
    /// </summary>
    internal static string Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path) || Exists(path))
        {
            return Exists(path) ? path : throw NotFound(path);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (Exists(candidate))
            {
                return candidate;
            }
        }

        throw NotFound(path);
    }

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    private static InvalidOperationException NotFound(string path) =>
        new($"Plan:File '{path}' is neither a .json file nor a directory of CSV files (looked in the working directory and the content root's directories)");
}
