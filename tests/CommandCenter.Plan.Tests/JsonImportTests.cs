using System.Text;
using CommandCenter.Regions;

namespace CommandCenter.Plan.Tests;

public sealed class JsonImportTests
{
    private static PlanReadResult Read(string json) =>
        new PlanBuilder(RegionCatalog.Hunan).Build(JsonPlanReader.Read("plan.json", Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void the_same_plan_from_csv_and_json_has_the_same_fingerprint()
    {
        var fromCsv = PlanFiles.Build(PlanFiles.Valid()).Plan!;
        var json = PlanWriter.ToJson(fromCsv);

        var fromJson = new PlanBuilder(RegionCatalog.Hunan).Build(JsonPlanReader.Read("plan.json", json));

        Assert.Empty(fromJson.Problems);
        Assert.Equal(fromCsv.Fingerprint, fromJson.Plan!.Fingerprint);
        Assert.Equal(fromCsv.Sites, fromJson.Plan.Sites);
    }

    [Fact]
    public void problems_point_at_the_line_of_the_field()
    {
        var result = Read("""
            {
              "examId": "2026-gk",
              "name": "高考",
              "thresholds": { "clockWarningMs": 800 },
              "sessions": [
                { "sessionId": "s1", "subject": "语文",
                  "start": "2026-06-07T09:00:00+08:00",
                  "end": "2026-06-07T08:00:00+08:00",
                  "entryOpens": "2026-06-07T08:30:00+08:00", "entryCloses": "2026-06-07T08:00:00+08:00",
                  "bagOpening": "2026-06-07T08:45:00+08:00" }
              ],
              "sites": [ { "siteId": "43010201", "name": "一中", "address": "八一路", "lat": 28.1, "lon": 112.9, "countyCode": "430102" } ],
              "rooms": [
                { "siteId": "43010201", "room": "001", "capacity": 30, "expectedCandidates": 30 },
                { "siteId": "43010299", "room": "002", "capacity": 30, "expectedCandidates": 30 }
              ]
            }
            """);

        Assert.Null(result.Plan);
        Assert.Contains(result.Problems, p => p is { File: "plan.json", Line: 8, Field: "sessions[0].end" });
        Assert.Contains(result.Problems, p => p is { Line: 15, Field: "rooms[1].siteId" });
    }

    [Fact]
    public void malformed_json_reports_its_line()
    {
        var result = Read("{\n \"examId\": \"x\",\n \"name\": \"y\"\n \"sessions\": []\n}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("plan.json", 4, "json"), (problem.File, problem.Line, problem.Field));
    }

    [Fact]
    public void unknown_fields_and_nested_values_are_refused()
    {
        var result = Read("""
            {"examId":"x","name":"y","colour":"red",
             "sessions":[{"sessionId":"s","subject":"a","start":{"at":1}}],
             "sites":[],"rooms":"none"}
            """);

        Assert.Contains(result.Problems, p => p.Field == "colour");
        Assert.Contains(result.Problems, p => p.Field == "sessions[0].start" && p.Message.Contains("string"));
        Assert.Contains(result.Problems, p => p.Field == "rooms" && p.Message.Contains("array"));
    }

    [Fact]
    public void not_an_object_at_all()
    {
        Assert.Contains(Read("[1,2]").Problems, p => p.Field == "$");
        Assert.Contains(Read("").Problems, p => p.Field == "json");
    }
}
