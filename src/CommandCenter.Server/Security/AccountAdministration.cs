using System.Security.Claims;
using CommandCenter.Abstractions.Plan;
using CommandCenter.Abstractions.Security;
using CommandCenter.Grains.Security;
using CommandCenter.Regions;
using static CommandCenter.Server.Security.AccountEndpoints;

namespace CommandCenter.Server.Security;

/// <summary>Who changes an account, from where: the audit trail's who and where.</summary>
public sealed record AdminActor(string Name, string? Role, string? From)
{
    public static AdminActor Of(HttpContext http) => Of(http.User, http.Connection.RemoteIpAddress?.ToString());

    public static AdminActor Of(ClaimsPrincipal user, string? from) => new(user.Identity?.Name ?? "(anonymous)", user.RoleOf()?.ToString(), from);
}

/// <summary>What an account change came to: the account, or the field at fault / the status and why.</summary>
public sealed record AdminOutcome(int Status, AccountView? Account, string? Field = null, string? Problem = null)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>
/// Creating, changing and resetting accounts, for the API and the admin screen alike: the same
/// checks, the same audit entries, the same end to sessions of a changed account.
/// </summary>
public sealed class AccountAdministration(
    IGrainFactory grains, RegionCatalog catalog, AuditTrail audit, SecurityStampCheck stamps, TimeProvider time)
{
    public async Task<IReadOnlyList<AccountView>> List()
    {
        var names = await grains.GetGrain<IAccountDirectoryGrain>("all").List();
        var all = await Task.WhenAll(names.Select(n => SignInService.Grain(grains, n).Get()));
        return all.OfType<Account>().Select(a => AccountViews.From(a, time.GetUtcNow())).OrderBy(a => a.UserName, StringComparer.Ordinal).ToList();
    }

    public async Task<AdminOutcome> Create(AccountRequest request, AdminActor actor)
    {
        if (Validate(request, catalog, requirePassword: true) is { } problem)
        {
            return Invalid(problem);
        }

        var name = request.UserName!.Trim().ToLowerInvariant();
        var account = new Account(name, request.DisplayName!.Trim(), request.Role!.Value, Normalize(request.Scope!),
            SignInService.Hash(request.Password!), Guid.NewGuid().ToString("N"), request.Disabled, 0, null, time.GetUtcNow(), null);
        if (!await SignInService.Grain(grains, name).Create(account))
        {
            return new AdminOutcome(409, null, Problem: $"An account named '{name}' exists already.");
        }

        await Audit(actor, "account_create", name, $"{account.Role} {Describe(account.Scope)}");
        return new AdminOutcome(201, AccountViews.From(account, time.GetUtcNow()));
    }

    public async Task<AdminOutcome> Update(string userName, AccountRequest request, AdminActor actor)
    {
        if (Validate(request with { UserName = userName }, catalog, requirePassword: false) is { } problem)
        {
            return Invalid(problem);
        }

        var name = userName.Trim().ToLowerInvariant();
        var view = await SignInService.Grain(grains, name).Update(request.DisplayName!.Trim(), request.Role!.Value, Normalize(request.Scope!), request.Disabled);
        if (view is null)
        {
            return NotFound(name);
        }

        stamps.Forget(name);
        await Audit(actor, "account_update", name, $"{view.Role} {Describe(view.Scope)}{(view.Disabled ? " disabled" : "")}");
        return new AdminOutcome(200, view);
    }

    public async Task<AdminOutcome> ResetPassword(string userName, string? password, AdminActor actor)
    {
        if (PasswordProblem(password) is { } problem)
        {
            return Invalid(("password", problem));
        }

        var name = userName.Trim().ToLowerInvariant();
        if (!await SignInService.Grain(grains, name).SetPassword(SignInService.Hash(password!)))
        {
            return NotFound(name);
        }

        stamps.Forget(name);
        await Audit(actor, "password_reset", name, null);
        return new AdminOutcome(204, null);
    }

    /// <summary>
    /// Gives each inspector account named in the plan (staff with an account) exactly the sites the plan
    /// assigns them; accounts that do not exist or are not inspectors are left alone. Returns the names changed.
    /// </summary>
    public async Task<IReadOnlyList<string>> AssignInspectors(ExamPlan plan, AdminActor actor)
    {
        var changed = new List<string>();
        foreach (var staff in plan.Staff.Where(s => s.Role == StaffRole.Inspector && s.Account is { Length: > 0 }))
        {
            var name = staff.Account!.Trim().ToLowerInvariant();
            var account = await SignInService.Grain(grains, name).Get();
            var sites = plan.Inspectors.Where(i => i.StaffId == staff.StaffId).Select(i => i.SiteId).Distinct().Order(StringComparer.Ordinal).ToList();
            if (account is not { Role: Role.PatrolInspector } || sites.Count == 0 || account.Scope.Sites.SequenceEqual(sites))
            {
                continue;
            }

            var outcome = await Update(name, new AccountRequest(name, account.DisplayName, account.Role, new AccountScope(null, sites, []), null, account.Disabled), actor);
            if (outcome.Ok)
            {
                changed.Add(name);
            }
        }

        return changed;
    }

    private Task Audit(AdminActor actor, string action, string target, string? detail) =>
        audit.Record(actor.Name, actor.Role, actor.From, action, target, detail);

    private static AdminOutcome Invalid((string Field, string Problem) problem) => new(400, null, problem.Field, problem.Problem);

    private static AdminOutcome NotFound(string name) => new(404, null, Problem: $"No account named '{name}'.");

    private static AccountScope Normalize(AccountScope scope) =>
        new(scope.Region, (scope.Sites ?? []).Distinct().Order().ToList(), (scope.Cameras ?? []).Distinct().Order().ToList());

    private static string Describe(AccountScope scope) =>
        scope.Region ?? (scope.Sites.Count > 0 ? $"sites:{string.Join(',', scope.Sites)}" : $"cameras:{string.Join(',', scope.Cameras)}");
}
