using System.Globalization;
using CommandCenter.Simulator;

namespace CommandCenter.Bench;

/// <summary>Command line of the benchmark; every figure it prints comes from one of these runs.</summary>
internal sealed record BenchOptions(
    SimulationMode Scale,
    TimeSpan Warmup,
    TimeSpan Duration,
    double StatusIntervalSeconds,
    double IdChecksPerSecond,
    int ProbesPerSecond,
    bool Ceiling,
    int IngestConnections = 1,
    bool SimulateInServer = false,
    Profile Profile = Profile.Default,
    int Silos = 1,
    bool InSession = false,
    bool CompareRules = false,
    int Repeat = 1,
    double FromInterval = double.MaxValue)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(SimulationMode.Province, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60), 10, 1000, 20, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--scale" => options with { Scale = Enum.Parse<SimulationMode>(Next(), ignoreCase: true) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number()) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number()) },
                "--status-interval" => options with { StatusIntervalSeconds = Number() },
                "--id-checks" => options with { IdChecksPerSecond = Number() },
                "--probes" => options with { ProbesPerSecond = (int)Number() },
                "--ceiling" => options with { Ceiling = true },
                "--ingest-connections" => options with { IngestConnections = (int)Number() },
                "--simulate-in-server" => options with { SimulateInServer = true },
                "--profile" => options with { Profile = Enum.Parse<Profile>(Next(), ignoreCase: true) },
                "--silos" => options with { Silos = (int)Number() },
                "--in-session" => options with { InSession = true },
                "--compare-rules" => options with { CompareRules = true, InSession = true },
                "--repeat" => options with { Repeat = Math.Max(1, (int)Number()) },
                "--from" => options with { FromInterval = Number() },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown option {args[i]}\n{Usage}"),
            };
        }

        return options.Profile == Profile.Redis && !args.Contains("--silos") ? options with { Silos = 2 } : options;
    }

    public const string Usage = """
        usage: dotnet run -c Release --project bench/CommandCenter.Bench -- [options]
          --scale small|province     simulated province (default province: ~400 sites x 50 rooms x 5 devices)
          --status-interval S        seconds between a room's status batches (default 10)
          --id-checks N              identity checks per second, province-wide (default 1000)
          --warmup S / --duration S  seconds before / of measurement (default 20 / 60)
          --probes N                 latency probes per second (default 20)
          --ceiling                  step the status rate up until p99 > 1 s or ingest falls behind
          --ingest-connections N     MQTT connections of the server's ingest ($share group), default 1
          --simulate-in-server       the server process runs the simulation itself (offered load is then estimated)
          --profile default|redis    default: the bench's own Mosquitto + one silo, state in memory;
                                     redis: Redis + Mosquitto from deploy/local and --silos N silos clustered on Redis
          --silos N                  silo processes in the redis profile (default 2 there)
          --in-session               import the simulated province's plan with its first session in progress (every rule watching)
          --compare-rules            the same measurement with Rules:Enabled=true and =false, interleaved (implies --in-session)
          --repeat N                 runs of each variant with --compare-rules (default 1)
          --from S                   with --ceiling, start stepping at this status interval (default 10)
        """;
}
