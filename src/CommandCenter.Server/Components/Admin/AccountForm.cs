using CommandCenter.Abstractions.Security;
using static CommandCenter.Server.Security.AccountEndpoints;

namespace CommandCenter.Server.Components.Admin;

/// <summary>The account form's fields as typed; sites and cameras are lists separated by spaces, commas or new lines.</summary>
public sealed class AccountForm
{
    private static readonly char[] Separators = [' ', ',', '，', '、', ';', '\n', '\r', '\t'];

    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public Role Role { get; set; } = Role.CountyOperator;

    public string Region { get; set; } = "";

    public string Sites { get; set; } = "";

    public string Cameras { get; set; } = "";

    public bool Disabled { get; set; }

    public string Password { get; set; } = "";

    public bool IsNew { get; init; } = true;

    public static AccountForm From(AccountView view) => new()
    {
        UserName = view.UserName,
        DisplayName = view.DisplayName,
        Role = view.Role,
        Region = view.Scope.Region ?? "",
        Sites = string.Join(' ', view.Scope.Sites),
        Cameras = string.Join(' ', view.Scope.Cameras),
        Disabled = view.Disabled,
        IsNew = false,
    };

    public AccountRequest ToRequest() => new(UserName, DisplayName, Role,
        new AccountScope(Region.Trim() is { Length: > 0 } r ? r : null, Split(Sites), Split(Cameras)),
        IsNew ? Password : null, Disabled);

    private static List<string> Split(string text) => text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).ToList();
}
