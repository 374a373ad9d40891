using CommandCenter.Abstractions.Plan;
using CommandCenter.Contracts.Protocol;

namespace CommandCenter.Plan.Tests;

public sealed class CsvImportTests
{
    [Fact]
    public void a_valid_plan_reads_completely()
    {
        var result = PlanFiles.Build(PlanFiles.Valid());

        Assert.Empty(result.Problems);
        var plan = result.Plan!;
        Assert.Equal("2026-gk", plan.ExamId);
        Assert.Equal(2500, plan.Thresholds.ClockAlarmMs);
        Assert.Equal(1000, plan.Thresholds.ClockWarningMs);
        Assert.Equal(2, plan.Sessions.Count);
        Assert.Null(plan.Sessions[1].ZeroReportDue);
        Assert.Equal(DateTimeOffset.Parse("2026-06-07T00:45:00Z"), plan.Sessions[0].BagOpening);
        Assert.Equal("芙蓉区八一路1号, 长沙", plan.Sites[0].Address);
        Assert.Equal(28, plan.Rooms[1].ExpectedCandidates);
        Assert.Equal(DeviceKind.VaultDoor, plan.Devices[1].Kind);
        Assert.Null(plan.Devices[1].Room);
        Assert.Equal(VaultKind.CountyVault, plan.Vaults[1].Kind);
        Assert.Equal(StaffRole.Inspector, plan.Staff[1].Role);
        Assert.Equal(["X0001", "X0001"], plan.Inspectors.Select(i => i.StaffId));
        Assert.Equal(64, plan.Fingerprint.Length);
    }

    [Fact]
    public void a_room_in_an_unknown_site_is_reported_with_its_line_and_field()
    {
        var files = PlanFiles.Valid().WithLine("rooms.csv", 3, "43019999,002,30,28");

        var result = PlanFiles.Build(files);

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("rooms.csv", 3, "siteId"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("43019999", problem.Message);
    }

    [Fact]
    public void a_session_that_ends_before_it_starts_is_refused()
    {
        var files = PlanFiles.Valid().WithLine("sessions.csv", 3,
            "2026-gk-sx,数学,2026-06-07T15:00:00+08:00,2026-06-07T14:00:00+08:00,2026-06-07T14:30:00+08:00,2026-06-07T14:00:00+08:00,2026-06-07T14:45:00+08:00,");

        var result = PlanFiles.Build(files);

        Assert.Null(result.Plan);
        var end = Assert.Single(result.Problems, p => p.Field == "end");
        Assert.Equal(("sessions.csv", 3), (end.File, end.Line));
        Assert.Contains("ends", end.Message);
    }

    [Fact]
    public void every_problem_is_listed_not_only_the_first()
    {
        var files = PlanFiles.Valid()
            .WithLine("sites.csv", 2, "4301020,一中,八一路,28.1,112.9,430102")
            .WithLine("rooms.csv", 4, "43010202,1,30,40")
            .WithLine("devices.csv", 2, "43010201,r001 jammer,toaster,009")
            .WithLine("staff.csv", 2, "A0102,张主考,boss,43010201,,");

        var problems = PlanFiles.Build(files).Problems.Select(p => $"{p.File}:{p.Line}:{p.Field}").ToList();

        Assert.Contains("sites.csv:2:siteId", problems);
        Assert.Contains("rooms.csv:4:room", problems);
        Assert.Contains("rooms.csv:4:expectedCandidates", problems);
        Assert.Contains("devices.csv:2:deviceId", problems);
        Assert.Contains("devices.csv:2:kind", problems);
        Assert.Contains("staff.csv:2:role", problems);
    }

    [Fact]
    public void duplicates_name_the_line_of_the_first()
    {
        var files = PlanFiles.Valid().WithLine("rooms.csv", 3, "43010201,001,30,28");

        var problem = Assert.Single(PlanFiles.Build(files).Problems);

        Assert.Equal(("rooms.csv", 3, "room"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("line 2", problem.Message);
    }

    [Fact]
    public void malformed_csv_is_reported_at_its_line()
    {
        var files = PlanFiles.Valid();
        files["sites.csv"] += "\n43010203,\"unclosed,x,28,112,430102";
        files["rooms.csv"] += "\n43010201,003,30";

        var problems = PlanFiles.Build(files).Problems;

        Assert.Contains(problems, p => p is { File: "sites.csv", Line: 4, Field: "csv" });
        Assert.Contains(problems, p => p is { File: "rooms.csv", Line: 5, Field: "csv" } && p.Message.Contains("expected 4 fields"));
    }

    [Fact]
    public void missing_required_files_columns_and_unknown_ones_are_refused()
    {
        var files = PlanFiles.Valid().Without("sessions.csv").WithLine("sites.csv", 1, "siteId,name,address,lat,lon,countyCode,colour");
        files["notes.csv"] = "a,b\n";

        var problems = PlanFiles.Build(files).Problems;

        Assert.Contains(problems, p => p is { File: "sessions.csv", Field: "file" });
        Assert.Contains(problems, p => p is { File: "sites.csv", Line: 1, Field: "colour" });
        Assert.Contains(problems, p => p is { File: "notes.csv", Field: "file" });
    }

    [Fact]
    public void overlapping_sessions_a_time_without_offset_and_a_bad_threshold_are_refused()
    {
        var files = PlanFiles.Valid()
            .WithLine("sessions.csv", 3,
                "2026-gk-sx,数学,2026-06-07T11:00:00+08:00,2026-06-07T13:00:00+08:00,2026-06-07T10:30:00+08:00,2026-06-07T11:15:00+08:00,2026-06-07T10:45:00+08:00,")
            .WithLine("exam.csv", 4, "clockAlarmMs,500");
        files["vaultWindows.csv"] += "\nV43010201,2026-06-07T16:00:00,2026-06-07T17:00:00+08:00,入库,";

        var problems = PlanFiles.Build(files).Problems;

        Assert.Contains(problems, p => p is { File: "sessions.csv", Line: 3, Field: "entryOpens" } && p.Message.Contains("overlaps"));
        Assert.Contains(problems, p => p is { File: "exam.csv", Line: 4, Field: "clockAlarmMs" });
        Assert.Contains(problems, p => p is { File: "vaultWindows.csv", Line: 3, Field: "from" } && p.Message.Contains("offset"));
    }

    [Fact]
    public void references_across_tables_are_checked()
    {
        var files = PlanFiles.Valid()
            .WithLine("inspectors.csv", 2, "A0102,43010201")
            .WithLine("vaults.csv", 2, "V43010201,site_storage,430103,43010201,一中保管室,door-x");
        files["devices.csv"] += "\n43010202,r009-cam,camera,009";

        var problems = PlanFiles.Build(files).Problems.Select(p => $"{p.File}:{p.Line}:{p.Field}").ToList();

        Assert.Contains("inspectors.csv:2:staffId", problems);
        Assert.Contains("vaults.csv:2:countyCode", problems);
        Assert.Contains("vaults.csv:2:doorDeviceId", problems);
        Assert.Contains("devices.csv:4:room", problems);
    }

    [Fact]
    public void a_site_outside_the_province_is_refused()
    {
        var files = PlanFiles.Valid().WithLine("sites.csv", 3, "11010101,北京某校,东城区,39.9,116.4,110101");

        var problems = PlanFiles.Build(files).Problems;

        Assert.Contains(problems, p => p is { File: "sites.csv", Line: 3, Field: "countyCode" } && p.Message.Contains("湖南"));
    }
}
