namespace CommandCenter.Grains;

/// <summary>Grain storage providers the silo must register.</summary>
public static class StorageNames
{
    /// <summary>Accounts and the audit trail.</summary>
    public const string Security = "security";

    /// <summary>The live situation: rooms, vaults, sites, regions, paper bags.</summary>
    public const string Live = "live";
}
