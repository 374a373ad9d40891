using CommandCenter.Abstractions.Security;
using CommandCenter.Contracts.Protocol;
using CommandCenter.Grains.Security;
using CommandCenter.Regions;

namespace CommandCenter.Server.Security;

/// <summary>Administrators manage accounts: create, change role and scope, disable, reset the password.</summary>
public static class AccountEndpoints
{
    public const int MinPasswordLength = 12;

    public sealed record AccountRequest(string? UserName, string? DisplayName, Role? Role, AccountScope? Scope, string? Password, bool Disabled = false);

    public sealed record PasswordRequest(string? Password);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/accounts").RequireAuthorization(SecurityHosting.AdminPolicy);

        accounts.MapGet("", async (IGrainFactory grains, TimeProvider time) =>
        {
            var names = await grains.GetGrain<IAccountDirectoryGrain>("all").List();
            var all = await Task.WhenAll(names.Select(n => SignInService.Grain(grains, n).Get()));
            return Results.Ok(all.Where(a => a is not null).Select(a => AccountViews.From(a!, time.GetUtcNow())));
        });

        accounts.MapPost("", async (AccountRequest request, IGrainFactory grains, RegionCatalog catalog, AuditTrail audit, HttpContext http, TimeProvider time) =>
        {
            if (Validate(request, catalog, requirePassword: true) is { } problem)
            {
                return problem;
            }

            var name = request.UserName!.Trim().ToLowerInvariant();
            var account = new Account(name, request.DisplayName!.Trim(), request.Role!.Value, Normalize(request.Scope!),
                SignInService.Hash(request.Password!), Guid.NewGuid().ToString("N"), request.Disabled, 0, null, time.GetUtcNow(), null);
            if (!await SignInService.Grain(grains, name).Create(account))
            {
                return Results.Problem($"An account named '{name}' exists already.", statusCode: 409, title: "Account exists");
            }

            await audit.Record(http, "account_create", name, $"{account.Role} {Describe(account.Scope)}");
            return Results.Created($"/api/v1/accounts/{name}", AccountViews.From(account, time.GetUtcNow()));
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        accounts.MapPut("/{userName}", async (string userName, AccountRequest request, IGrainFactory grains, RegionCatalog catalog,
            AuditTrail audit, SecurityStampCheck stamps, HttpContext http) =>
        {
            if (Validate(request with { UserName = userName }, catalog, requirePassword: false) is { } problem)
            {
                return problem;
            }

            var name = userName.Trim().ToLowerInvariant();
            var view = await SignInService.Grain(grains, name).Update(request.DisplayName!.Trim(), request.Role!.Value, Normalize(request.Scope!), request.Disabled);
            if (view is null)
            {
                return NotFound(name);
            }

            stamps.Forget(name);
            await audit.Record(http, "account_update", name, $"{view.Role} {Describe(view.Scope)}{(view.Disabled ? " disabled" : "")}");
            return Results.Ok(view);
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        accounts.MapPost("/{userName}/password", async (string userName, PasswordRequest request, IGrainFactory grains,
            AuditTrail audit, SecurityStampCheck stamps, HttpContext http) =>
        {
            if (PasswordProblem(request.Password) is { } problem)
            {
                return Invalid("password", problem);
            }

            var name = userName.Trim().ToLowerInvariant();
            if (!await SignInService.Grain(grains, name).SetPassword(SignInService.Hash(request.Password!)))
            {
                return NotFound(name);
            }

            stamps.Forget(name);
            await audit.Record(http, "password_reset", name);
            return Results.NoContent();
        }).RequireRateLimiting(SecurityHosting.WriteLimit);

        return app;
    }

    /// <summary>Checks an account request; null when it is acceptable.</summary>
    internal static IResult? Validate(AccountRequest request, RegionCatalog catalog, bool requirePassword)
    {
        if (request.UserName is null || !Identifiers.IsDeviceId(request.UserName.Trim()))
        {
            return Invalid("userName", "1-64 letters, digits, '.', '_' or '-'");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 64 || request.DisplayName.Any(char.IsControl))
        {
            return Invalid("displayName", "1-64 characters without control characters");
        }

        if (request.Role is not { } role || !Enum.IsDefined(role))
        {
            return Invalid("role", "one of " + string.Join(", ", Enum.GetNames<Role>()));
        }

        if (ScopeProblem(role, request.Scope, catalog) is { } scopeProblem)
        {
            return Invalid("scope", scopeProblem);
        }

        return requirePassword && PasswordProblem(request.Password) is { } passwordProblem ? Invalid("password", passwordProblem) : null;
    }

    internal static string? ScopeProblem(Role role, AccountScope? scope, RegionCatalog catalog)
    {
        if (scope is null)
        {
            return "required";
        }

        var sites = scope.Sites ?? [];
        var cameras = scope.Cameras ?? [];
        switch (role)
        {
            case Role.SiteChief or Role.PatrolInspector:
                if (sites.Count is 0 or > 500 || sites.Any(s => !Identifiers.IsSiteId(s) || catalog.Find(s[..6]) is null))
                {
                    return "a site chief or inspector needs 1-500 sites of this province (8-digit ids)";
                }

                return scope.Region is null && cameras.Count == 0 ? null : "sites only";
            case Role.VideoMonitor:
                // A video monitor watches at most 9 monitoring points (seed guide art. 42).
                if (cameras.Count is 0 or > 9 || cameras.Any(c => !IsCameraId(c)))
                {
                    return "a video monitor needs 1-9 cameras, each {siteId}.{deviceId}";
                }

                return scope.Region is null && sites.Count == 0 ? null : "cameras only";
            default:
                if (scope.Region is null || catalog.Find(scope.Region) is null)
                {
                    return "a region code of this province (e.g. 43, 430100, 430102)";
                }

                if (role == Role.CityOperator && RegionCodes.LevelOf(scope.Region) == RegionLevel.Province
                    || role == Role.CountyOperator && RegionCodes.LevelOf(scope.Region) != RegionLevel.County)
                {
                    return $"a {role} is scoped to a {(role == Role.CityOperator ? "city or county" : "county")}";
                }

                return sites.Count == 0 && cameras.Count == 0 ? null : "a region only";
        }
    }

    internal static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength || password.Length > SignInService.MaxPasswordLength
            ? $"{MinPasswordLength}-{SignInService.MaxPasswordLength} characters"
            : password.Distinct().Count() < 5 ? "too simple: use at least 5 different characters" : null;

    private static bool IsCameraId(string value)
    {
        var dot = value.IndexOf('.');
        return dot == 8 && Identifiers.IsSiteId(value.AsSpan(0, 8)) && Identifiers.IsDeviceId(value.AsSpan(9));
    }

    private static AccountScope Normalize(AccountScope scope) =>
        new(scope.Region, (scope.Sites ?? []).Distinct().Order().ToList(), (scope.Cameras ?? []).Distinct().Order().ToList());

    private static string Describe(AccountScope scope) =>
        scope.Region ?? (scope.Sites.Count > 0 ? $"sites:{string.Join(',', scope.Sites)}" : $"cameras:{string.Join(',', scope.Cameras)}");

    private static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] });

    private static IResult NotFound(string name) =>
        Results.Problem($"No account named '{name}'.", statusCode: 404, title: "Account not found");
}
