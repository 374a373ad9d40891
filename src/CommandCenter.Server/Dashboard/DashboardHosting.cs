using System.Globalization;
using CommandCenter.Regions;
using CommandCenter.Server.Components;
using CommandCenter.Server.Hosting;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Localization;

namespace CommandCenter.Server.Dashboard;

/// <summary>The one map: Blazor (interactive server rendering) on the same host as the API and hubs.</summary>
public static class DashboardHosting
{
    public const string LanguageCookie = "cc-lang";

    private static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DashboardOptions>(builder.Configuration, DashboardOptions.Section);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<SiteDirectory>();
        builder.Services.AddScoped<LiveSituation>();
        builder.Services.AddScoped<DashboardCircuitHandler>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<DashboardCircuitHandler>());
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CustomRequestCultureProvider(http => Task.FromResult(LanguageOf(http)))];
        });
        return builder;
    }

    /// <summary>Chooses the language before anything renders: <c>?lang=</c> (remembered in a cookie), else the cookie, else zh-CN.</summary>
    public static WebApplication UseDashboardLanguage(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (Normalize(http.Request.Query["lang"]) is { } lang)
            {
                // The Blazor circuit's own connection carries no query string: the cookie takes the choice there.
                RememberLanguage(http, lang);
            }

            return next(http);
        });
        app.UseRequestLocalization();
        // A page path nobody serves shows the dashboard's "not found" view; API and hub 404s stay as they are.
        app.UseWhen(
            http => !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/hubs"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status code pages, so a re-executed request is routed again.
        app.UseRouting();
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.MapGet("/api/v1/geo/{layer}", (string layer, HttpContext http) =>
        {
            if (layer is not ("prefectures" or "counties"))
            {
                return Results.Problem($"No map layer '{(layer.Length > 24 ? layer[..24] : layer)}': use prefectures or counties.", statusCode: 404, title: "Layer not found");
            }

            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Stream(RegionCatalog.OpenGeoJson("hunan", layer), "application/geo+json");
        });

        // The language switch: sets the cookie and returns to the (local) page it came from.
        app.MapGet("/culture/set", (HttpContext http, string? lang, string? returnUrl) =>
        {
            RememberLanguage(http, Normalize(lang) ?? "zh-CN");
            return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/");
        }).AllowAnonymous();
        return app;
    }

    private static void RememberLanguage(HttpContext http, string lang) =>
        http.Response.Cookies.Append(LanguageCookie, lang, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
        });

    private static ProviderCultureResult? LanguageOf(HttpContext http)
    {
        var lang = Normalize(http.Request.Query["lang"]) ?? Normalize(http.Request.Cookies[LanguageCookie]);
        return lang is null ? null : new ProviderCultureResult(lang);
    }

    private static string? Normalize(string? lang) => lang switch
    {
        "en" or "en-US" or "en-GB" => "en",
        "zh" or "zh-CN" or "zh-Hans" => "zh-CN",
        _ => null,
    };
}
