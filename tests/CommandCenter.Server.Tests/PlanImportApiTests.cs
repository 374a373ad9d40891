using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Server.Tests.Harness;

namespace CommandCenter.Server.Tests;

/// <summary>POST /api/v1/plan: a plan is imported whole or not at all, the same plan twice changes nothing, every problem has its line.</summary>
public sealed class PlanImportApiTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    internal static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "plans", "hunan-2026-gaokao");

    private RunningServer Server => fixture.Server;

    internal static ByteArrayContent Zip(Func<string, string, string>? edit = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(Sample, "*.csv"))
            {
                using var writer = new StreamWriter(zip.CreateEntry(Path.GetFileName(file)).Open());
                var text = File.ReadAllText(file);
                writer.Write(edit is null ? text : edit(Path.GetFileName(file), text));
            }
        }

        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return content;
    }

    [Fact]
    public async Task import_is_idempotent_and_a_failed_import_leaves_the_previous_plan_intact()
    {
        using var first = await Server.Http.PostAsync("/api/v1/plan", Zip());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(created.GetProperty("outcome").GetString(), new[] { "created", "replaced" });
        var fingerprint = created.GetProperty("summary").GetProperty("fingerprint").GetString();
        Assert.Equal(122, created.GetProperty("summary").GetProperty("sites").GetInt32());

        using var again = await Server.Http.PostAsync("/api/v1/plan", Zip());
        var unchanged = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unchanged", unchanged.GetProperty("outcome").GetString());
        Assert.Equal(created.GetProperty("summary").GetProperty("version").GetInt32(), unchanged.GetProperty("summary").GetProperty("version").GetInt32());

        // A room in an unknown site on line 5 and a session that ends before it starts on line 3: refused, nothing applied.
        using var bad = await Server.Http.PostAsync("/api/v1/plan", Zip((name, text) => name switch
        {
            "rooms.csv" => Replace(text, 5, "43999901,004,30,30"),
            "sessions.csv" => Replace(text, 3, "2026-gk-sx,数学,2026-06-07T15:00:00+08:00,2026-06-07T14:00:00+08:00,2026-06-07T14:30:00+08:00,2026-06-07T14:45:00+08:00,2026-06-07T14:45:00+08:00,"),
            _ => text,
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var problems = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("file").GetString()}:{p.GetProperty("line").GetInt32()}:{p.GetProperty("field").GetString()}").ToList();
        Assert.Contains("rooms.csv:5:siteId", problems);
        Assert.Contains("sessions.csv:3:end", problems);

        var plan = await Server.GetJson("/api/v1/plan");
        Assert.Equal(fingerprint, plan.GetProperty("summary").GetProperty("fingerprint").GetString());
        Assert.Equal(4, plan.GetProperty("sessions").GetArrayLength());
        Assert.Equal("closed", plan.GetProperty("phase").GetProperty("phase").GetString());

        var audit = await Server.GetJson("/api/v1/audit");
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(2, actions.Count(a => a == "plan_import"));
        Assert.Contains("plan_import_rejected", actions);
    }

    [Fact]
    public async Task the_plans_bags_are_registered_by_import_again_without_effect_and_a_relabelled_bag_refuses_the_plan()
    {
        // Its own server: the other tests here count imports and expect the first one to create the plan.
        await using var server = await RunningServer.StartAsync();
        const string bag = "2026-gk-yw-43010201-001-A";
        var rows = File.ReadAllLines(Path.Combine(Sample, "bags.csv")).Length - 1;
        using var first = await server.Http.PostAsync("/api/v1/plan", Zip());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(rows, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bagsRegistered").GetInt32());
        var detail = await server.GetJson($"/api/v1/bags/{bag}");
        Assert.Equal("sealed", detail.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal("语文", detail.GetProperty("spec").GetProperty("subject").GetString());
        Assert.Equal(30, detail.GetProperty("spec").GetProperty("count").GetInt32());
        var backups = (await server.GetJson("/api/v1/bags?siteId=43010201")).EnumerateArray().Count(b => b.GetProperty("kind").GetString() == "backup");
        Assert.Equal(1, backups);

        using var again = await server.Http.PostAsync("/api/v1/plan", Zip());
        var unchanged = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unchanged", unchanged.GetProperty("outcome").GetString());
        Assert.Equal(rows, unchanged.GetProperty("bagsRegistered").GetInt32());
        Assert.Equal(0, (await server.GetJson($"/api/v1/bags/{bag}")).GetProperty("history").GetArrayLength());

        // The same bag id with another count on line 2: the whole plan is refused, naming the line; nothing changes.
        var fingerprint = (await server.GetJson("/api/v1/plan")).GetProperty("summary").GetProperty("fingerprint").GetString();
        using var relabelled = await server.Http.PostAsync("/api/v1/plan", Zip((name, text) => name == "bags.csv"
            ? Replace(text, 2, $"{bag},2026-gk-yw,43010201,001,A,29,regular")
            : text));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, relabelled.StatusCode);
        var problem = Assert.Single((await relabelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray());
        Assert.Equal("bags.csv:2:bagId", $"{problem.GetProperty("file").GetString()}:{problem.GetProperty("line").GetInt32()}:{problem.GetProperty("field").GetString()}");
        Assert.Contains("already registered", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(fingerprint, (await server.GetJson("/api/v1/plan")).GetProperty("summary").GetProperty("fingerprint").GetString());
        Assert.Equal(30, (await server.GetJson($"/api/v1/bags/{bag}")).GetProperty("spec").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task malformed_bodies_and_callers_without_the_right_are_refused()
    {
        using var json = new StringContent("{\"examId\": \"x\",\n\"sessions\": [", System.Text.Encoding.UTF8, "application/json");
        using var malformed = await Server.Http.PostAsync("/api/v1/plan", json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Contains("\"field\":\"json\"", await malformed.Content.ReadAsStringAsync());

        using var text = new StringContent("hello", System.Text.Encoding.UTF8, "text/plain");
        using var wrongType = await Server.Http.PostAsync("/api/v1/plan", text);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        using var county = Server.ClientWith(await Server.CreateAccount("county-plan", "county_operator", new { region = "430102", sites = Array.Empty<string>(), cameras = Array.Empty<string>() }));
        using var refused = await county.PostAsync("/api/v1/plan", Zip());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static string Replace(string text, int line, string with)
    {
        var lines = text.Split('\n');
        lines[line - 1] = with;
        return string.Join('\n', lines);
    }
}
