using CommandCenter.Abstractions.Papers;

namespace CommandCenter.Plan.Tests;

/// <summary>The optional bags table and the devices' vault placement.</summary>
public sealed class BagTableTests
{
    private static Dictionary<string, string> WithBags(params string[] rows)
    {
        var files = PlanFiles.Valid();
        files["bags.csv"] = string.Join('\n', ["bagId,sessionId,siteId,room,paperSet,count,kind", .. rows]);
        return files;
    }

    [Fact]
    public void bags_read_with_their_session_subject_and_default_kind()
    {
        var result = PlanFiles.Build(WithBags(
            "yw-43010201-001-A,2026-gk-yw,43010201,001,A,30,",
            "yw-43010201-001-B,2026-gk-yw,43010201,001,B,30,backup"));

        Assert.Empty(result.Problems);
        var specs = result.Plan!.BagSpecs().ToList();
        Assert.Equal(2, specs.Count);
        Assert.Equal(new PaperBagSpec("yw-43010201-001-A", "2026-gk", "2026-gk-yw", "语文", "43010201", "001", "A", 30, BagKind.Regular), specs[0]);
        Assert.Equal(BagKind.Backup, specs[1].Kind);
    }

    [Fact]
    public void a_plan_without_a_bags_table_has_no_bags()
    {
        var result = PlanFiles.Build(PlanFiles.Valid());

        Assert.Empty(result.Problems);
        Assert.Empty(result.Plan!.BagList);
    }

    [Fact]
    public void bad_bag_rows_are_reported_by_file_line_and_field()
    {
        var result = PlanFiles.Build(WithBags(
            "ok-1,2026-gk-yw,43010201,001,A,30,regular",
            "bad id,2026-gk-yw,43010201,001,A,30,regular",
            "ok-2,2026-gk-zz,43010201,001,A,30,regular",
            "ok-3,2026-gk-yw,43010201,009,A,30,regular",
            "ok-4,2026-gk-yw,43010201,001,A,-1,regular",
            "ok-5,2026-gk-yw,43010201,001,A,30,lost",
            "ok-1,2026-gk-yw,43010201,002,A,28,regular"));

        Assert.Null(result.Plan);
        var problems = result.Problems.Select(p => $"{p.File}:{p.Line}:{p.Field}").ToList();
        Assert.Equal(
        [
            "bags.csv:3:bagId", "bags.csv:4:sessionId", "bags.csv:5:room", "bags.csv:6:count", "bags.csv:7:kind", "bags.csv:8:bagId",
        ], problems);
        Assert.Contains("line 2", result.Problems[^1].Message);
    }

    [Fact]
    public void bags_round_trip_through_csv_and_json()
    {
        var plan = PlanFiles.Build(WithBags("yw-1,2026-gk-yw,43010202,001,A,30,regular", "yw-2,2026-gk-sx,43010201,002,B,28,spare")).Plan!;

        var csv = new PlanBuilder(Regions.RegionCatalog.Hunan).Build(CsvPlanReader.Read(PlanWriter.ToCsv(plan).Select(f => (f.Key, f.Value)))).Plan!;
        var json = new PlanBuilder(Regions.RegionCatalog.Hunan).Build(JsonPlanReader.Read("plan.json", PlanWriter.ToJson(plan))).Plan!;

        Assert.Equal(plan.Fingerprint, csv.Fingerprint);
        Assert.Equal(plan.Fingerprint, json.Fingerprint);
        Assert.Equal(plan.BagList, json.BagList);
    }

    [Fact]
    public void a_device_is_placed_only_in_a_vault_of_its_own_site()
    {
        var files = PlanFiles.Valid();
        files["devices.csv"] = """
            siteId,deviceId,kind,room,vaultId
            43010201,vault-door,vault_door,,V43010201
            43010201,cam-a,camera,,V43010201
            43010201,cam-b,camera,,V430102
            43010201,cam-c,camera,001,V43010201
            """;

        var result = PlanFiles.Build(files);

        Assert.Equal(["devices.csv:4:vaultId", "devices.csv:5:vaultId"], result.Problems.Select(p => $"{p.File}:{p.Line}:{p.Field}"));
    }
}
