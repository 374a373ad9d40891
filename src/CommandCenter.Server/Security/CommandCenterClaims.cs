using System.Security.Claims;
using CommandCenter.Abstractions.Security;

namespace CommandCenter.Server.Security;

/// <summary>How an account travels in a cookie or token.</summary>
public static class CommandCenterClaims
{
    public const string Region = "cc:region";
    public const string Site = "cc:site";
    public const string Camera = "cc:camera";
    public const string Stamp = "cc:stamp";

    public static ClaimsPrincipal ToPrincipal(Account account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.GivenName, account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
            new(Stamp, account.SecurityStamp),
        };
        if (account.Scope.Region is { } region)
        {
            claims.Add(new Claim(Region, region));
        }

        claims.AddRange(account.Scope.Sites.Select(s => new Claim(Site, s)));
        claims.AddRange(account.Scope.Cameras.Select(c => new Claim(Camera, c)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Role? RoleOf(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;
}
