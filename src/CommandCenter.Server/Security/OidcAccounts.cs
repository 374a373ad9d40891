using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace CommandCenter.Server.Security;

/// <summary>
/// A person signed in at the province's identity provider gets the role and scope of the local
/// account with the same user name (preferred_username or name); without one, the sign-in fails.
/// </summary>
internal static class OidcAccounts
{
    public static async Task MapToLocalAccount(TokenValidatedContext context)
    {
        var external = context.Principal;
        var name = external?.FindFirstValue("preferred_username") ?? external?.FindFirstValue(ClaimTypes.Name) ?? external?.FindFirstValue("name");
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var audit = context.HttpContext.RequestServices.GetRequiredService<AuditTrail>();
        var account = name is null ? null : await SignInService.Grain(grains, name).Get();
        if (account is null || account.Disabled)
        {
            await audit.Record(name ?? "(unknown)", null, context.HttpContext.Connection.RemoteIpAddress?.ToString(), "sign_in_failed", name ?? "", "oidc: no local account");
            context.Fail("No enabled local account for this identity.");
            return;
        }

        await audit.Record(context.HttpContext, "sign_in", account.UserName, "oidc");
        context.Principal = CommandCenterClaims.ToPrincipal(account, Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
