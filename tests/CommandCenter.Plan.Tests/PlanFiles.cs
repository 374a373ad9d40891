namespace CommandCenter.Plan.Tests;

/// <summary>A small valid plan as CSV files, which tests then break one line at a time.</summary>
internal static class PlanFiles
{
    public static Dictionary<string, string> Valid() => new(StringComparer.Ordinal)
    {
        ["exam.csv"] = """
            field,value
            examId,2026-gk
            name,2026年普通高考
            clockAlarmMs,2500
            """,
        ["sessions.csv"] = """
            sessionId,subject,start,end,entryOpens,entryCloses,bagOpening,zeroReportDue
            2026-gk-yw,语文,2026-06-07T09:00:00+08:00,2026-06-07T11:30:00+08:00,2026-06-07T08:30:00+08:00,2026-06-07T09:15:00+08:00,2026-06-07T08:45:00+08:00,2026-06-07T12:30:00+08:00
            2026-gk-sx,数学,2026-06-07T15:00:00+08:00,2026-06-07T17:00:00+08:00,2026-06-07T14:30:00+08:00,2026-06-07T15:15:00+08:00,2026-06-07T14:45:00+08:00,
            """,
        ["sites.csv"] = """
            siteId,name,address,lat,lon,countyCode
            43010201,长沙市第一中学,"芙蓉区八一路1号, 长沙",28.196,112.988,430102
            43010202,长郡中学,天心区,28.187,112.976,430102
            """,
        ["rooms.csv"] = """
            siteId,room,capacity,expectedCandidates
            43010201,001,30,30
            43010201,002,30,28
            43010202,001,30,30
            """,
        ["devices.csv"] = """
            siteId,deviceId,kind,room
            43010201,r001-jammer,jammer,001
            43010201,vault-door,vault_door,
            """,
        ["vaults.csv"] = """
            vaultId,kind,countyCode,siteId,name,doorDeviceId
            V43010201,site_storage,430102,43010201,一中保管室,vault-door
            V430102,county_vault,430102,,芙蓉区保密室,
            """,
        ["vaultWindows.csv"] = """
            vaultId,from,to,purpose,sessionId
            V43010201,2026-06-07T08:00:00+08:00,2026-06-07T08:45:00+08:00,领取试卷,2026-gk-yw
            """,
        ["staff.csv"] = """
            staffId,name,role,siteId,regionCode,account
            A0102,张主考,chief,43010201,,
            X0001,李巡考,inspector,,430102,inspector-1
            """,
        ["inspectors.csv"] = """
            staffId,siteId
            X0001,43010201
            X0001,43010202
            """,
    };

    public static RawPlan Raw(Dictionary<string, string> files) => CsvPlanReader.Read(files.Select(f => (f.Key, f.Value)));

    public static PlanReadResult Build(Dictionary<string, string> files) => new PlanBuilder(Regions.RegionCatalog.Hunan).Build(Raw(files));

    /// <summary>Replaces line <paramref name="line"/> (1-based) of a file.</summary>
    public static Dictionary<string, string> WithLine(this Dictionary<string, string> files, string file, int line, string text)
    {
        var lines = files[file].Split('\n');
        lines[line - 1] = text;
        files[file] = string.Join('\n', lines);
        return files;
    }

    public static Dictionary<string, string> Without(this Dictionary<string, string> files, string file)
    {
        files.Remove(file);
        return files;
    }
}
