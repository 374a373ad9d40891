using CommandCenter.Contracts.Protocol;
using CommandCenter.Regions;
using CommandCenter.Simulator;
using CommandCenter.Simulator.Model;

namespace CommandCenter.Server.BrokerAccess;

/// <summary>The exam sites that get broker credentials. The exam plan becomes one more source.</summary>
public interface ISiteSource
{
    IReadOnlyList<string> SiteIds();
}

/// <summary>A plain file: one 8-digit site id per line; blank lines and <c>#</c> comments ignored.</summary>
public sealed class SiteListFile(string path) : ISiteSource
{
    public IReadOnlyList<string> SiteIds()
    {
        var ids = new List<string>();
        foreach (var (line, number) in File.ReadLines(path).Select((l, i) => (l.Split('#')[0].Trim(), i + 1)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!Identifiers.IsSiteId(line))
            {
                throw new FormatException($"{path}:{number}: '{line}' is not an 8-digit site id");
            }

            ids.Add(line);
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>The sites of the simulated province (Small or Province, by seed): for test and demo brokers.</summary>
public sealed class SimulatedSites(SimulationMode mode, int seed) : ISiteSource
{
    public IReadOnlyList<string> SiteIds() =>
        ProvinceModel.Build(RegionCatalog.Hunan, new SimulationOptions { Mode = mode, Seed = seed }).Sites.Select(s => s.SiteId).ToList();
}
