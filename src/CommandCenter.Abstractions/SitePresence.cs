namespace CommandCenter.Abstractions;

/// <summary>
/// Applies an agent's presence to its site and hands each room and the vault its part of the
/// inventory. Done from outside the grains, so that the site never calls down to its rooms.
/// </summary>
public static class SitePresence
{
    public static async Task Announce(this IGrainFactory grains, string siteId, bool online, string? agentVersion,
        DateTimeOffset at, IReadOnlyList<InventoryItem> devices)
    {
        var byHolder = devices.GroupBy(d => GrainKeys.HolderOf(d.Room, d.Kind)).ToList();
        var calls = new List<Task>();
        foreach (var group in byHolder.Where(g => g.Key is not null))
        {
            calls.Add(group.Key == GrainKeys.Vault
                ? grains.GetGrain<IVaultGrain>(siteId).SetInventory(group.ToList())
                : grains.GetGrain<IRoomGrain>(GrainKeys.Room(siteId, group.Key!)).SetInventory(group.ToList()));
        }

        var own = byHolder.Where(g => g.Key is null).SelectMany(g => g).ToList();
        calls.Add(grains.GetGrain<ISiteGrain>(siteId).SetPresence(online, agentVersion, at, own));
        await Task.WhenAll(calls);
    }
}
