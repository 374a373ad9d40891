using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

/// <summary>Inspectors' site assignments import with the exam plan: their accounts' scopes follow it, audited.</summary>
public sealed class InspectorAssignmentTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly string Sample = PlanImportApiTests.Sample;

    [Fact]
    public async Task Importing_the_plan_gives_an_inspector_account_exactly_its_assigned_sites()
    {
        var server = fixture.Server;
        var token = await server.CreateAccount("inspector-430102", "patrol_inspector", new { sites = new[] { "43070201" } });
        await server.CreateAccount("inspector-430103", "county_operator", new { region = "430103" }); // not an inspector: left alone

        using var response = await server.Http.PostAsync("/api/v1/plan", Zip());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["inspector-430102"], body.GetProperty("inspectorsAssigned").EnumerateArray().Select(e => e.GetString()));

        var expected = File.ReadAllLines(Path.Combine(Sample, "inspectors.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == "X430102").Select(f => f[1]).Order(StringComparer.Ordinal).ToList();
        var account = (await server.GetJson("/api/v1/accounts")).EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "inspector-430102");
        Assert.Equal(expected, account.GetProperty("scope").GetProperty("sites").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("region", (await server.GetJson("/api/v1/accounts")).EnumerateArray()
            .Single(a => a.GetProperty("userName").GetString() == "inspector-430103").GetProperty("scope").GetProperty("region").GetString() is "430103" ? "region" : "changed");

        // The old session ended with the scope change; the audit trail names the import's actor.
        using var stale = server.ClientWith(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync($"/api/v1/sites/{expected[0]}")).StatusCode);
        var audit = await server.GetJson("/api/v1/audit?action=account_update");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString() == "inspector-430102" && e.GetProperty("actor").GetString() == RunningServer.AdminUser);

        using var again = await server.Http.PostAsync("/api/v1/plan", Zip());
        Assert.Empty((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inspectorsAssigned").EnumerateArray());
    }

    private static ByteArrayContent Zip() => PlanImportApiTests.Zip();
}
