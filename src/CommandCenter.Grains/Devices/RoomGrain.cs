using CommandCenter.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.Grains.Devices;

/// <summary>An exam room: its clock, jammer, metal detector, identity reader and cameras.</summary>
[CollectionAgeLimit(Days = 2)]
internal sealed class RoomGrain(
    IOptions<LivenessOptions> liveness,
    TimeProvider time,
    [PersistentState("room", StorageNames.Live)] IPersistentState<DeviceTableState> state)
    : DeviceHolderGrain(liveness, time, state), IRoomGrain
{
    protected override string SiteId => GrainKeys.ParseRoom(this.GetPrimaryKeyString()).SiteId;

    protected override string HolderKey => GrainKeys.ParseRoom(this.GetPrimaryKeyString()).Room;

    protected override bool IsRoom => true;
}
