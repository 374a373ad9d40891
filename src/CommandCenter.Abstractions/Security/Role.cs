namespace CommandCenter.Abstractions.Security;

/// <summary>What a person does on exam day; with their scope it decides what they may see and do.</summary>
[GenerateSerializer]
public enum Role
{
    /// <summary>省级指挥: the whole province (or the region of the account).</summary>
    ProvincialCommander = 0,
    /// <summary>市州指挥: one city.</summary>
    CityOperator = 1,
    /// <summary>县区指挥: one county (exam district).</summary>
    CountyOperator = 2,
    /// <summary>主考: their own site(s).</summary>
    SiteChief = 3,
    /// <summary>巡考员: the sites assigned to them.</summary>
    PatrolInspector = 4,
    /// <summary>视频监考员: the cameras assigned to them.</summary>
    VideoMonitor = 5,
    /// <summary>审计: reads everything in scope, the ledger and the audit trail; changes nothing.</summary>
    Auditor = 6,
    /// <summary>管理员: accounts, roles and scopes.</summary>
    Administrator = 7,
}
