using CommandCenter.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Grains.Devices;

/// <summary>A site's paper storage room: its door sensors. Custody rules arrive with the custody chain.</summary>
[CollectionAgeLimit(Days = 2)]
internal sealed class VaultGrain(
    IOptions<LivenessOptions> liveness,
    TimeProvider time,
    [PersistentState("vault", StorageNames.Live)] IPersistentState<DeviceTableState> state)
    : DeviceHolderGrain(liveness, time, state), IVaultGrain
{
    public const string Key = GrainKeys.Vault;

    protected override string SiteId => this.GetPrimaryKeyString();

    protected override string HolderKey => Key;

    protected override bool IsRoom => false;
}
