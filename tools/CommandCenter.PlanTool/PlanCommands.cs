using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommandCenter.Plan;
using CommandCenter.Regions;
using CommandCenter.Simulator;
using CommandCenter.Simulator.Model;

namespace CommandCenter.PlanTool;

/// <summary>The commands of cc-plan; exit code 0 when all went well, 1 for a plan with problems, 2 for bad usage.</summary>
public static class PlanCommands
{
    public const string Usage = """
        cc-plan check PATH                      check a plan (a .json file or a directory of CSV files); lists every problem
        cc-plan import PATH --server URL --user NAME [--password P]
                                                check, then import into a running server (password also from CC_PASSWORD)
        cc-plan sample --out DIR [--json FILE] [--mode Small|Province] [--first-day 2026-06-07]
                                                write the plan of the simulated province
        """;

    public static async Task<int> Run(string[] args, TextWriter output, TextWriter errors)
    {
        var options = Options(args.Skip(1));
        switch (args.FirstOrDefault())
        {
            case "check" when args.Length >= 2:
                return Check(args[1], output, errors) is null ? 1 : 0;
            case "import" when args.Length >= 2 && options.ContainsKey("server") && options.ContainsKey("user"):
                return await Import(args[1], options, output, errors);
            case "sample" when options.ContainsKey("out") || options.ContainsKey("json"):
                return Sample(options, output);
            default:
                await errors.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static PlanReadResult? Check(string path, TextWriter output, TextWriter errors)
    {
        var result = PlanReader.ReadPath(path, RegionCatalog.Hunan);
        foreach (var problem in result.Problems)
        {
            errors.WriteLine(problem);
        }

        if (!result.Ok)
        {
            errors.WriteLine($"{result.Problems.Count} problem(s); nothing imported");
            return null;
        }

        var plan = result.Plan!;
        output.WriteLine($"{plan.ExamId} {plan.Name}: {plan.Sessions.Count} sessions, {plan.Sites.Count} sites, {plan.Rooms.Count} rooms, " +
            $"{plan.Devices.Count} devices, {plan.Staff.Count} staff, {plan.BagList.Count} bags; fingerprint {plan.Fingerprint[..12]}");
        return result;
    }

    private static async Task<int> Import(string path, Dictionary<string, string> options, TextWriter output, TextWriter errors)
    {
        if (Check(path, output, errors) is null)
        {
            return 1;
        }

        using var http = new HttpClient { BaseAddress = new Uri(options["server"]) };
        var password = options.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("CC_PASSWORD") ?? "";
        var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = options["user"], password });
        if (!login.IsSuccessStatusCode)
        {
            await errors.WriteLineAsync($"sign-in failed: {(int)login.StatusCode}");
            return 1;
        }

        var token = (await login.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["accessToken"].ToString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var body = Directory.Exists(path) ? new ByteArrayContent(Zip(path)) : new ByteArrayContent(await File.ReadAllBytesAsync(path));
        body.Headers.ContentType = new MediaTypeHeaderValue(Directory.Exists(path) ? "application/zip" : "application/json");
        var response = await http.PostAsync("/api/v1/plan", body);
        var text = await response.Content.ReadAsStringAsync();
        await (response.IsSuccessStatusCode ? output : errors).WriteLineAsync($"{(int)response.StatusCode} {text}");
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    private static int Sample(Dictionary<string, string> options, TextWriter output)
    {
        var mode = Enum.Parse<SimulationMode>(options.GetValueOrDefault("mode", "Small"), ignoreCase: true);
        var firstDay = DateOnly.Parse(options.GetValueOrDefault("first-day", "2026-06-07"), System.Globalization.CultureInfo.InvariantCulture);
        var model = ProvinceModel.Build(RegionCatalog.Hunan, new SimulationOptions { Mode = mode });
        var plan = SamplePlan.Build(model, firstDay);
        if (options.TryGetValue("out", out var directory))
        {
            PlanWriter.WriteCsvDirectory(plan, directory);
            output.WriteLine($"wrote {directory}");
        }

        if (options.TryGetValue("json", out var file))
        {
            File.WriteAllBytes(file, PlanWriter.ToJson(plan));
            output.WriteLine($"wrote {file}");
        }

        return 0;
    }

    private static byte[] Zip(string directory)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.csv"))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        return stream.ToArray();
    }

    private static Dictionary<string, string> Options(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                options[name] = "";
            }
            else if (name is not null)
            {
                options[name] = arg;
                name = null;
            }
        }

        return options;
    }
}
