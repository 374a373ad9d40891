using CommandCenter.Simulator;

namespace CommandCenter.Server.BrokerAccess;

/// <summary>
/// <c>CommandCenter.Server broker-access --out DIR (--sites FILE | --simulated Small|Province [--seed N]) [--ingest-password P]</c>:
/// writes DIR/passwd, DIR/acl (for mosquitto.conf's password_file / acl_file) and DIR/credentials.csv
/// (site, user, password: hand each site its line; the file is readable by its owner only).
/// </summary>
public static class BrokerAccessCommand
{
    public const string Name = "broker-access";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var outDir = Arg("--out");
        ISiteSource? source = Arg("--sites") is { } file ? new SiteListFile(file)
            : Arg("--simulated") is { } mode ? new SimulatedSites(Enum.Parse<SimulationMode>(mode, ignoreCase: true), int.Parse(Arg("--seed") ?? "2026"))
            : null;
        if (outDir is null || source is null)
        {
            error.WriteLine("usage: broker-access --out DIR (--sites FILE | --simulated Small|Province [--seed N]) [--ingest-password P]");
            return 2;
        }

        try
        {
            var sites = source.SiteIds();
            var ingestPassword = Arg("--ingest-password") ?? MosquittoAccess.NewPassword();
            Write(outDir, sites, ingestPassword);
            output.WriteLine($"{sites.Count} sites: {Path.Combine(outDir, "passwd")}, {Path.Combine(outDir, "acl")}, {Path.Combine(outDir, "credentials.csv")}");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or ArgumentException)
        {
            error.WriteLine($"broker-access: {ex.Message}");
            return 1;
        }
    }

    public static void Write(string outDir, IReadOnlyList<string> sites, string ingestPassword)
    {
        Directory.CreateDirectory(outDir);
        var credentials = sites.Select(s => (Site: s, User: MosquittoAccess.SiteUser(s), Password: MosquittoAccess.NewPassword())).ToList();
        var passwd = new List<string> { MosquittoAccess.PasswordLine(MosquittoAccess.IngestUser, ingestPassword) };
        passwd.AddRange(credentials.Select(c => MosquittoAccess.PasswordLine(c.User, c.Password)));
        WritePrivate(Path.Combine(outDir, "passwd"), string.Join('\n', passwd) + "\n");
        File.WriteAllText(Path.Combine(outDir, "acl"), MosquittoAccess.Acl(sites));
        var csv = new List<string> { "site,user,password", $",{MosquittoAccess.IngestUser},{ingestPassword}" };
        csv.AddRange(credentials.Select(c => $"{c.Site},{c.User},{c.Password}"));
        WritePrivate(Path.Combine(outDir, "credentials.csv"), string.Join('\n', csv) + "\n");
    }

    private static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
