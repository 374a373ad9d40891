using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace CommandCenter.Server.Security;

/// <summary>
/// Refuses a cookie or token whose account was disabled, deleted or changed (role, scope, password)
/// since it was issued: each account's current stamp is read from its grain at most every
/// <see cref="AuthOptions.StampCheckInterval"/>.
/// </summary>
public sealed class SecurityStampCheck(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (string? Stamp, bool Disabled, DateTimeOffset CheckedAt)> _cache = new(StringComparer.Ordinal);

    /// <summary>Middleware: an outdated principal is replaced by an anonymous one (and its cookie removed).</summary>
    public async Task Apply(HttpContext http, Func<Task> next)
    {
        if (http.User.Identity?.IsAuthenticated == true && !await IsCurrent(http.User))
        {
            if (http.User.Identity.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }

            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next();
    }

    private async Task<bool> IsCurrent(ClaimsPrincipal user)
    {
        var name = user.Identity!.Name;
        var stamp = user.FindFirstValue(CommandCenterClaims.Stamp);
        if (name is null || stamp is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(name, out var known) || now - known.CheckedAt > options.Value.StampCheckInterval)
        {
            var account = await SignInService.Grain(grains, name).Get();
            known = (account?.SecurityStamp, account?.Disabled ?? true, now);
            _cache[name] = known;
        }

        return known.Stamp == stamp && !known.Disabled;
    }

    /// <summary>Forget what was checked for an account, so a change takes effect on its next request.</summary>
    public void Forget(string userName) => _cache.TryRemove(userName, out _);
}
