namespace CommandCenter.Plan;

/// <summary>The field names of every table (CSV headers, JSON properties) and of the exam itself.</summary>
public static class PlanSchema
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Columns { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["sessions"] = ["sessionId", "subject", "start", "end", "entryOpens", "entryCloses", "bagOpening", "zeroReportDue"],
            ["sites"] = ["siteId", "name", "address", "lat", "lon", "countyCode"],
            ["rooms"] = ["siteId", "room", "capacity", "expectedCandidates"],
            ["vaults"] = ["vaultId", "kind", "countyCode", "siteId", "name", "doorDeviceId"],
            ["vaultWindows"] = ["vaultId", "from", "to", "purpose", "sessionId"],
            ["devices"] = ["siteId", "deviceId", "kind", "room", "vaultId"],
            ["staff"] = ["staffId", "name", "role", "siteId", "regionCode", "account"],
            ["inspectors"] = ["staffId", "siteId"],
            ["bags"] = ["bagId", "sessionId", "siteId", "room", "paperSet", "count", "kind"],
        };

    /// <summary>The exam's own fields: its id and name, then the thresholds (all optional, with units in the name).</summary>
    public static IReadOnlyList<string> ExamFields { get; } =
    [
        "examId", "name",
        "offlineMissedIntervals", "statusIntervalSeconds", "clockWarningMs", "clockAlarmMs",
        "readinessLeadMinutes", "roomReadyLeadMinutes", "collectionWindowMinutes", "escalateAfterMinutes",
        "stormThreshold", "agentOfflineAfterSeconds", "clearAfterSeconds",
    ];
}
