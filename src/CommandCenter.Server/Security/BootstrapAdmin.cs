using System.Security.Cryptography;
using CommandCenter.Abstractions.Security;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Security;

/// <summary>
/// Creates the administrator named by <c>Auth:BootstrapAdmin:User</c> when it does not exist. There is no
/// default password: with none configured a random one is generated and printed once.
/// </summary>
public sealed class BootstrapAdmin(IGrainFactory grains, IOptions<AuthOptions> options, AuditTrail audit, TimeProvider time, CommandCenter.Regions.RegionCatalog catalog,
    ILogger<BootstrapAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(settings.User))
        {
            logger.LogInformation("No Auth:BootstrapAdmin:User configured; no administrator is created");
            return;
        }

        var name = settings.User.Trim().ToLowerInvariant();
        var grain = SignInService.Grain(grains, name);
        if (await grain.Get() is not null)
        {
            return;
        }

        var password = string.IsNullOrEmpty(settings.Password) ? Generate() : settings.Password;
        var account = new Account(name, "Administrator", Role.Administrator, AccountScope.ForRegion(catalog.Province.Code),
            SignInService.Hash(password), Guid.NewGuid().ToString("N"), false, 0, null, time.GetUtcNow(), null);
        await grain.Create(account);
        await audit.Record("system", null, null, "account_create", name, "bootstrap administrator");
        if (string.IsNullOrEmpty(settings.Password))
        {
            // Printed to the console only (not the log): the operator of this run needs it once.
            Console.WriteLine($"Sign in as '{name}' with the generated password: {password}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');
}
