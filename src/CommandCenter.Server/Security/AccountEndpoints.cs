using CommandCenter.Abstractions.Security;
using CommandCenter.Contracts.Protocol;
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

        accounts.MapGet("", async (AccountAdministration admin) => Results.Ok(await admin.List()));

        accounts.MapPost("", async (AccountRequest request, AccountAdministration admin, HttpContext http) =>
            ToResult(await admin.Create(request, AdminActor.Of(http)), created: true)).RequireRateLimiting(SecurityHosting.WriteLimit);

        accounts.MapPut("/{userName}", async (string userName, AccountRequest request, AccountAdministration admin, HttpContext http) =>
            ToResult(await admin.Update(userName, request, AdminActor.Of(http)))).RequireRateLimiting(SecurityHosting.WriteLimit);

        accounts.MapPost("/{userName}/password", async (string userName, PasswordRequest request, AccountAdministration admin, HttpContext http) =>
            ToResult(await admin.ResetPassword(userName, request.Password, AdminActor.Of(http)))).RequireRateLimiting(SecurityHosting.WriteLimit);

        return app;
    }

    private static IResult ToResult(AdminOutcome outcome, bool created = false) => outcome switch
    {
        { Field: { } field } => Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [outcome.Problem!] }),
        { Status: 404 } => Results.Problem(outcome.Problem, statusCode: 404, title: "Account not found"),
        { Status: 409 } => Results.Problem(outcome.Problem, statusCode: 409, title: "Account exists"),
        { Account: null } => Results.NoContent(),
        _ => created ? Results.Created($"/api/v1/accounts/{outcome.Account.UserName}", outcome.Account) : Results.Ok(outcome.Account),
    };

    /// <summary>Checks an account request; null when it is acceptable.</summary>
    internal static (string Field, string Problem)? Validate(AccountRequest request, RegionCatalog catalog, bool requirePassword)
    {
        if (request.UserName is null || !Identifiers.IsDeviceId(request.UserName.Trim()))
        {
            return ("userName", "1-64 letters, digits, '.', '_' or '-'");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 64 || request.DisplayName.Any(char.IsControl))
        {
            return ("displayName", "1-64 characters without control characters");
        }

        if (request.Role is not { } role || !Enum.IsDefined(role))
        {
            return ("role", "one of " + string.Join(", ", Enum.GetNames<Role>()));
        }

        if (ScopeProblem(role, request.Scope, catalog) is { } scopeProblem)
        {
            return ("scope", scopeProblem);
        }

        return requirePassword && PasswordProblem(request.Password) is { } passwordProblem ? ("password", passwordProblem) : null;
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
}
