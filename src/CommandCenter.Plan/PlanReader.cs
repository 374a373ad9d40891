using CommandCenter.Regions;

namespace CommandCenter.Plan;

/// <summary>Reads a plan from a path: a <c>.json</c> file, or a directory of CSV files.</summary>
public static class PlanReader
{
    public static PlanReadResult ReadPath(string path, RegionCatalog regions)
    {
        if (Directory.Exists(path))
        {
            return new PlanBuilder(regions).Build(CsvPlanReader.ReadDirectory(path));
        }

        if (File.Exists(path) && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return new PlanBuilder(regions).Build(JsonPlanReader.Read(Path.GetFileName(path), File.ReadAllBytes(path)));
        }

        return new PlanReadResult(null, [new PlanProblem(path, 0, "path", "not a .json file or a directory of CSV files")]);
    }
}
