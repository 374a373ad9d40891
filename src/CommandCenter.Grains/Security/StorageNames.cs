namespace CommandCenter.Grains;

/// <summary>Grain storage providers the silo must register.</summary>
public static class StorageNames
{
    /// <summary>Accounts and the audit trail.</summary>
    public const string Security = "security";
}
