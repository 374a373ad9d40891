using System.Threading.RateLimiting;
using CommandCenter.Abstractions.Security;
using CommandCenter.Server.Hosting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Security;

/// <summary>Sign-in (cookie for browsers, bearer token for API clients), roles, rate limits, headers.</summary>
public static class SecurityHosting
{
    public const string AdminPolicy = "admin";
    public const string AuditPolicy = "audit";
    public const string SignInLimit = "sign-in";
    public const string WriteLimit = "writes";
    private const string CookieOrBearer = "cookie-or-bearer";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions>(builder.Configuration, AuthOptions.Section);
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "cookie or bearer", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || (http.Request.Path.StartsWithSegments("/hubs") && http.Request.Query.ContainsKey("access_token"))
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = auth.CookieLifetime;
                o.SlidingExpiration = true;
                o.Cookie.Name = "cc.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = auth.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                // APIs and hubs answer 401/403; only pages redirect to the sign-in page.
                o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request) ? Status(ctx.Response, 401) : Redirect(ctx);
                o.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.Request) ? Status(ctx.Response, 403) : Redirect(ctx);
            })
            .AddBearerToken(o =>
            {
                o.BearerTokenExpiration = auth.TokenLifetime;
                // Browsers' WebSockets cannot send headers: SignalR passes the token in the query.
                o.Events.OnMessageReceived = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                    {
                        ctx.Token = token;
                    }

                    return Task.CompletedTask;
                };
            });
        if (auth.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = auth.Oidc.Authority;
                o.ClientId = auth.Oidc.ClientId;
                o.ClientSecret = auth.Oidc.ClientSecret;
                o.ResponseType = "code";
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.Events.OnTokenValidated = OidcAccounts.MapToLocalAccount;
            });
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireRole(nameof(Role.Administrator)))
            .AddPolicy(AuditPolicy, p => p.RequireRole(nameof(Role.Auditor), nameof(Role.Administrator)));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(WriteLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.Name ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.WritesPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddAntiforgery();
        services.AddSingleton<SignInService>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AccountAdministration>();
        services.AddSingleton<SecurityStampCheck>();
        services.AddHostedService<BootstrapAdmin>();
        return builder;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.RequireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseAuthentication();
        var stamps = app.Services.GetRequiredService<SecurityStampCheck>();
        app.Use((http, next) => stamps.Apply(http, () => next(http)));
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        return app;
    }

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");

    private static Task Status(HttpResponse response, int code)
    {
        response.StatusCode = code;
        return Task.CompletedTask;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
