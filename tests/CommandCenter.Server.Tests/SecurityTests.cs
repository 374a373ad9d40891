using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Server.Tests;

/// <summary>Who may read and do what: per role, through the API and the hub; sign-in, lock-out, tokens, audit.</summary>
public sealed class SecurityTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private RunningServer Server => fixture.Server;

    private static object Region(string code) => new { region = code, sites = Array.Empty<string>(), cameras = Array.Empty<string>() };

    private static object Sites(params string[] sites) => new { region = (string?)null, sites, cameras = Array.Empty<string>() };

    private static object Cameras(params string[] cameras) => new { region = (string?)null, sites = Array.Empty<string>(), cameras };

    [Fact]
    public async Task anonymous_callers_get_health_only()
    {
        Assert.Equal(HttpStatusCode.OK, (await Server.Anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.Anonymous.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Anonymous.GetAsync("/api/v1/situation")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Anonymous.GetAsync("/api/v1/sites/43010201")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Anonymous.GetAsync("/api/v1/accounts")).StatusCode);
        var page = await Server.Anonymous.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => SituationWatcher.ConnectAsync(Server.BaseAddress, "not-a-token"));
    }

    [Fact]
    public async Task a_forged_or_garbage_token_is_refused()
    {
        using var forged = Server.ClientWith(Server.AdminToken[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/situation")).StatusCode);
        using var garbage = Server.ClientWith(new string('x', 5000));
        Assert.Equal(HttpStatusCode.Unauthorized, (await garbage.GetAsync("/api/v1/situation")).StatusCode);
    }

    [Fact]
    public async Task a_provincial_commander_reads_the_province_but_manages_no_accounts()
    {
        using var client = Server.ClientWith(await Server.CreateAccount("cmdr", "provincial_commander", Region("43")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/situation")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions/431100")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/ingest/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task a_city_operator_sees_only_its_city_through_api_and_hub()
    {
        var token = await Server.CreateAccount("changsha", "city_operator", Region("430100"));
        using var client = Server.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions/430100")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions/430102")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/regions/430200")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/situation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/sites/43020201")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/ingest/stats")).StatusCode);

        await using var watcher = await SituationWatcher.ConnectAsync(Server.BaseAddress, token);
        var own = await watcher.SubscribeRegion("430100");
        Assert.Equal("430100", own.GetProperty("code").GetString());
        var tampered = await Assert.ThrowsAsync<HubException>(() => watcher.SubscribeRegion("430200"));
        Assert.Contains("outside your scope", tampered.Message);
        await Assert.ThrowsAsync<HubException>(() => watcher.SubscribeRegion("43"));
        await Assert.ThrowsAsync<HubException>(() => watcher.SubscribeSite("43020201"));
    }

    [Fact]
    public async Task a_county_operator_cannot_read_its_neighbour_by_editing_the_url()
    {
        using var client = Server.ClientWith(await Server.CreateAccount("furong", "county_operator", Region("430102")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions/430102")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/regions/430103")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/regions/430100")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/sites/43010301")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/sites/43010299")).StatusCode);
    }

    [Theory]
    [InlineData("site_chief")]
    [InlineData("patrol_inspector")]
    public async Task site_roles_see_their_sites_only(string role)
    {
        var token = await Server.CreateAccount($"{role.Replace("_", "")}1", role, Sites("43010201", "43010202"));
        using var client = Server.ClientWith(token);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/sites/43010201")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/sites/43010203")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/regions/430102")).StatusCode);
        await using var watcher = await SituationWatcher.ConnectAsync(Server.BaseAddress, token);
        await Assert.ThrowsAsync<HubException>(() => watcher.SubscribeSite("43010203"));
    }

    [Fact]
    public async Task a_video_monitor_sees_the_sites_of_its_cameras_and_has_at_most_nine()
    {
        using var client = Server.ClientWith(await Server.CreateAccount("vm1", "video_monitor", Cameras("43010201.r001-cam", "43010202.r002-cam")));
        Assert.NotEqual(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/sites/43010202")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/sites/43010203")).StatusCode);

        var ten = Enumerable.Range(1, 10).Select(i => $"43010201.r{i:000}-cam").ToArray();
        using var refused = await Server.Http.PostAsJsonAsync("/api/v1/accounts",
            new { userName = "vm10", displayName = "vm10", role = "video_monitor", scope = Cameras(ten), password = "Role-Test-Pass-2026" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("1-9 cameras", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task an_auditor_reads_and_exports_the_audit_trail_and_changes_nothing()
    {
        using var client = Server.ClientWith(await Server.CreateAccount("auditor1", "auditor", Region("43")));
        var entries = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=account_create");
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("target").GetString() == "auditor1" && e.GetProperty("actor").GetString() == "admin");
        var csv = await client.GetStringAsync("/api/v1/audit/export");
        Assert.StartsWith("\uFEFFsequence,at,actor", csv);
        using var create = await client.PostAsJsonAsync("/api/v1/accounts", new { userName = "x1", displayName = "x", role = "auditor", scope = Region("43"), password = "Role-Test-Pass-2026" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task wrong_passwords_lock_the_account_and_are_audited()
    {
        await Server.CreateAccount("locky", "county_operator", Region("430104"), password: "Locky-Pass-2026-ok");
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await Server.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "locky", password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.DoesNotContain("locky", await wrong.Content.ReadAsStringAsync());
        }

        using var fifth = await Server.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "locky", password = "wrong-password" });
        Assert.Equal((HttpStatusCode)423, fifth.StatusCode);
        using var right = await Server.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "locky", password = "Locky-Pass-2026-ok" });
        Assert.Equal((HttpStatusCode)423, right.StatusCode);

        var failures = await Server.Http.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=sign_in_failed&actor=locky");
        Assert.True(failures.GetArrayLength() >= 5);

        using var unknown = await Server.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "whatever-it-is" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task changing_an_account_or_its_password_ends_its_old_tokens_and_is_audited()
    {
        var token = await Server.CreateAccount("mover", "county_operator", Region("430105"));
        using var client = Server.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/regions/430105")).StatusCode);

        using var update = await Server.Http.PutAsJsonAsync("/api/v1/accounts/mover",
            new { displayName = "Mover", role = "county_operator", scope = Region("430111"), disabled = false });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/regions/430105")).StatusCode);

        using var reset = await Server.Http.PostAsJsonAsync("/api/v1/accounts/mover/password", new { password = "Brand-New-Pass-2026" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var fresh = Server.ClientWith(await Server.TokenFor("mover", "Brand-New-Pass-2026"));
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/regions/430111")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.GetAsync("/api/v1/regions/430105")).StatusCode);

        var audit = await Server.Http.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        var actions = audit.EnumerateArray().Where(e => e.GetProperty("target").GetString() == "mover").Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("account_create", actions);
        Assert.Contains("account_update", actions);
        Assert.Contains("password_reset", actions);
        Assert.All(audit.EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("from").GetString()) && e.GetProperty("actor").GetString() == "admin"));
    }

    [Theory]
    [InlineData("bad name", "county_operator", "430102", "Good-Pass-2026", "userName")]
    [InlineData("toolong_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "county_operator", "430102", "Good-Pass-2026", "userName")]
    [InlineData("countycity", "county_operator", "430100", "Good-Pass-2026", "scope")]
    [InlineData("nowhere", "city_operator", "999900", "Good-Pass-2026", "scope")]
    [InlineData("weak", "city_operator", "430100", "short", "password")]
    [InlineData("simple", "city_operator", "430100", "aaaaaaaaaaaaaaaa", "password")]
    public async Task bad_account_requests_are_refused_with_the_field_named(string user, string role, string region, string password, string field)
    {
        using var response = await Server.Http.PostAsJsonAsync("/api/v1/accounts",
            new { userName = user, displayName = user, role, scope = Region(region), password });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task scripts_in_free_text_stay_data_and_spreadsheet_formulas_are_defused()
    {
        const string script = "<script>alert(1)</script>";
        await Server.CreateAccount("xss1", "county_operator", Region("430121"));
        using var update = await Server.Http.PutAsJsonAsync("/api/v1/accounts/xss1",
            new { displayName = script, role = "county_operator", scope = Region("430121"), disabled = false });
        Assert.Equal("application/json; charset=utf-8", update.Content.Headers.ContentType!.ToString());
        Assert.Equal(script, (await update.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());

        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\"", CommandCenter.Server.Security.AuditEndpoints.Cell("=HYPERLINK(\"x\")"));
        Assert.Equal("\"plain\"", CommandCenter.Server.Security.AuditEndpoints.Cell("plain"));
    }

    [Fact]
    public async Task over_long_sign_in_fields_are_refused_without_detail()
    {
        using var response = await Server.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = new string('a', 5000), password = new string('b', 5000) });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("aaaa", await response.Content.ReadAsStringAsync());
    }
}
