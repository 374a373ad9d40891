using System.Text;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;
using FsCheck;
using FsCheck.Fluent;

namespace CommandCenter.Server.Tests;

/// <summary>
/// Generated API input (FsCheck): whatever arrives, the answer is an accepted result or a clear 4xx,
/// never a 500, and a rejected write changes nothing.
/// </summary>
public sealed class ApiInputPropertyTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly string[] Texts =
    [
        "", " ", "a", "x-1", "43", "430102", "43010201", "439999", "43010201.cam-1", "<script>alert(1)</script>",
        "'; DROP TABLE accounts; --", "=HYPERLINK(\"x\")", "\u0000", "\u202e", "巡考员", new string('z', 300), "../../etc/passwd", "%00", "null",
    ];

    private static readonly string[] Roles =
    [
        "provincial_commander", "city_operator", "county_operator", "site_chief", "patrol_inspector", "video_monitor", "auditor",
        "administrator", "root", "", "7", "-1",
    ];

    private RunningServer Server => fixture.Server;

    [Fact]
    public void Generated_account_requests_are_accepted_or_refused_cleanly_and_a_refusal_changes_nothing()
    {
        var text = Gen.Elements(Texts);
        var list = Gen.ListOf(text).Select(l => l.Take(12).ToArray());
        var bodies =
            from user in text
            from display in text
            from role in Gen.Elements(Roles)
            from region in text
            from sites in list
            from cameras in list
            from password in Gen.Elements("Role-Test-Pass-2026", "short", "", "aaaaaaaaaaaaaaaa")
            select JsonSerializer.Serialize(new { userName = user, displayName = display, role, scope = new { region, sites, cameras }, password });
        Prop.ForAll(Arb.From(bodies), body =>
        {
            var before = Accounts();
            using var response = Send(HttpMethod.Post, "/api/v1/accounts", body);
            var status = (int)response.StatusCode;
            Assert.True(status is 201 or 400 or 409 or 429, $"{status} for {body}");
            if (status != 201)
            {
                Assert.Equal(before, Accounts());
                Assert.DoesNotContain("Exception", response.Content.ReadAsStringAsync().Result, StringComparison.Ordinal);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Generated_paths_and_bodies_never_make_the_server_fail()
    {
        var segment = Gen.Elements(Texts.Select(Uri.EscapeDataString).ToArray());
        var route = Gen.Elements("/api/v1/regions/{0}", "/api/v1/sites/{0}", "/api/v1/accounts/{0}", "/api/v1/audit?actor={0}", "/api/v1/geo/{0}",
            "/api/v1/audit?from={0}", "/region/{0}", "/site/{0}");
        var bodies = Gen.Elements("", "{", "[]", "null", "{\"userName\":1}", "{\"role\":\"administrator\",\"scope\":{}}", "\u0000\u0001");
        var cases = from r in route from s in segment from b in bodies select (Path: string.Format(System.Globalization.CultureInfo.InvariantCulture, r, s), Body: b);
        Prop.ForAll(Arb.From(cases), t =>
        {
            var path = t.Path;
            using var get = Send(HttpMethod.Get, path, null);
            Assert.True((int)get.StatusCode < 500, $"GET {path}: {(int)get.StatusCode}");
            using var put = Send(HttpMethod.Put, path, t.Body);
            Assert.True((int)put.StatusCode < 500, $"PUT {path}: {(int)put.StatusCode}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
        Assert.Empty(Server.LoggedErrors);
    }

    private string Accounts() => Server.Http.GetStringAsync("/api/v1/accounts").Result;

    private HttpResponseMessage Send(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return Server.Http.Send(request);
    }
}
