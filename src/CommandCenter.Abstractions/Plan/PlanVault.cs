namespace CommandCenter.Abstractions.Plan;

/// <summary>Where sealed papers are kept.</summary>
[GenerateSerializer]
public enum VaultKind
{
    /// <summary>A site's paper storage room (试卷保管室); its door is a device of the site.</summary>
    SiteStorage = 0,

    /// <summary>A county's paper vault (试卷保密室).</summary>
    CountyVault = 1,
}

/// <summary>
/// A vault. <see cref="SiteId"/> is set for a site's storage room (its door device is the site's
/// <see cref="DoorDeviceId"/>), null for a county vault.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlanVault(
    [property: Id(0)] string VaultId,
    [property: Id(1)] VaultKind Kind,
    [property: Id(2)] string CountyCode,
    [property: Id(3)] string? SiteId,
    [property: Id(4)] string Name,
    [property: Id(5)] string? DoorDeviceId);

/// <summary>A time the vault door may be opened (checking papers out, returning them); any other opening is an alarm.</summary>
[GenerateSerializer, Immutable]
public sealed record VaultWindow(
    [property: Id(0)] string VaultId,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] string Purpose,
    [property: Id(4)] string? SessionId);
