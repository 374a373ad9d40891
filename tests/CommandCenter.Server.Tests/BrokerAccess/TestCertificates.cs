using System.Diagnostics;

namespace CommandCenter.Server.Tests.BrokerAccess;

/// <summary>A throw-away CA and a broker certificate for 127.0.0.1, made with openssl.</summary>
public static class TestCertificates
{
    public static async Task CreateAsync(string dir)
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "san.cnf"), "subjectAltName=IP:127.0.0.1\n");
        await OpenSsl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=cc-test-ca");
        await OpenSsl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        await OpenSsl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
    }

    private static async Task OpenSsl(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {args[0]} failed: {await stderr}");
        }
    }
}
