using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Server.Security;

/// <summary>Section "Auth": sign-in, lock-out, tokens, the bootstrap administrator, optional OpenID Connect.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Redirect to HTTPS and send HSTS (put a certificate on Kestrel or a proxy in front).</summary>
    public bool RequireHttps { get; set; }

    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Write requests per user per minute.</summary>
    [Range(1, 100_000)]
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>How long a checked security stamp is trusted before it is read again.</summary>
    public TimeSpan StampCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public OidcOptions Oidc { get; set; } = new();
}

public sealed class BootstrapAdminOptions
{
    /// <summary>User name of the administrator created at start when it does not exist.</summary>
    public string? User { get; set; }

    /// <summary>Its password; when empty a random one is generated and printed once.</summary>
    public string? Password { get; set; }
}

/// <summary>An identity provider of the province; its users sign in when a local account of the same name exists.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
