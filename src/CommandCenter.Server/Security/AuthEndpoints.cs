using CommandCenter.Abstractions.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace CommandCenter.Server.Security;

/// <summary>Sign-in for API clients (bearer token) and browsers (cookie), sign-out.</summary>
public static class AuthEndpoints
{
    public sealed record TokenRequest(string? UserName, string? Password);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", async (TokenRequest request, SignInService signIn, AuditTrail audit, HttpContext http) =>
        {
            var (outcome, account) = await signIn.SignIn(request.UserName, request.Password);
            await RecordAttempt(audit, http, request.UserName, outcome);
            return outcome == SignInOutcome.Success
                ? Results.SignIn(CommandCenterClaims.ToPrincipal(account!, BearerTokenDefaults.AuthenticationScheme),
                    authenticationScheme: BearerTokenDefaults.AuthenticationScheme)
                : Refusal(outcome, account);
        }).AllowAnonymous().RequireRateLimiting(SecurityHosting.SignInLimit).DisableAntiforgery();

        app.MapPost("/auth/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            SignInService signIn, AuditTrail audit, HttpContext http) =>
        {
            var (outcome, account) = await signIn.SignIn(userName, password);
            await RecordAttempt(audit, http, userName, outcome);
            if (outcome != SignInOutcome.Success)
            {
                return Results.LocalRedirect($"/login?error={outcome.ToString().ToLowerInvariant()}");
            }

            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                CommandCenterClaims.ToPrincipal(account!, CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().RequireRateLimiting(SecurityHosting.SignInLimit);

        app.MapPost("/auth/logout", async (HttpContext http, AuditTrail audit) =>
        {
            await audit.Record(http, "sign_out", http.User.Identity?.Name ?? "");
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        });

        app.MapGet("/api/v1/me", (HttpContext http) =>
        {
            var scope = AccessScope.Of(http.User);
            return Results.Ok(new { userName = http.User.Identity?.Name, role = scope.Role, region = scope.RegionCode, sites = scope.Sites, cameras = scope.Cameras });
        });
        return app;
    }

    private static IResult Refusal(SignInOutcome outcome, Account? account) => outcome switch
    {
        SignInOutcome.LockedOut => Results.Problem(
            $"Too many failed sign-ins; the account is locked until {account?.LockedUntil:O}.", statusCode: 423, title: "Account locked"),
        SignInOutcome.Disabled => Results.Problem("This account is disabled.", statusCode: 403, title: "Account disabled"),
        _ => Results.Problem("The user name or password is wrong.", statusCode: 401, title: "Sign-in failed"),
    };

    private static Task RecordAttempt(AuditTrail audit, HttpContext http, string? userName, SignInOutcome outcome)
    {
        var name = userName is { Length: > 0 and <= SignInService.MaxUserNameLength } ? userName.Trim().ToLowerInvariant() : "(invalid)";
        return audit.Record(name, null, http.Connection.RemoteIpAddress?.ToString(),
            outcome == SignInOutcome.Success ? "sign_in" : "sign_in_failed", name, outcome.ToString());
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
