using CommandCenter.Abstractions;
using CommandCenter.Grains.Devices;

namespace CommandCenter.Grains.Papers;

/// <summary>
/// A sealed paper bag: for now the custody events received for it, in arrival order and without
/// duplicates. The state machine and the hash-chained ledger arrive with the custody chain.
/// </summary>
internal sealed class PaperBagGrain : Grain, IPaperBagGrain
{
    private readonly List<CustodyRecord> _history = [];
    private readonly RecentIds _seen = new(4096);

    public Task<bool> Record(CustodyRecord record)
    {
        if (!_seen.Add($"{record.SiteId}/{record.MsgId}"))
        {
            return Task.FromResult(false);
        }

        _history.Add(record);
        return Task.FromResult(true);
    }

    public Task<PaperBagView> GetView() => Task.FromResult(new PaperBagView(
        this.GetPrimaryKeyString(), _history.LastOrDefault()?.Action, _history.LastOrDefault()?.SiteId, _history.ToList()));
}
