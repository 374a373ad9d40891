using CommandCenter.Abstractions;
using CommandCenter.Grains.Devices;

namespace CommandCenter.Grains.Papers;

/// <summary>
/// A sealed paper bag: for now the custody events received for it, in arrival order and without
/// duplicates. The state machine and the hash-chained ledger arrive with the custody chain.
/// </summary>
internal sealed class PaperBagGrain(
    [PersistentState("bag", StorageNames.Live)] IPersistentState<PaperBagState> state) : Grain, IPaperBagGrain
{
    private List<CustodyRecord> _history = [];
    private readonly RecentIds _seen = new(4096);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _history = [.. state.State.History];
        foreach (var record in _history)
        {
            _seen.Add($"{record.SiteId}/{record.MsgId}");
        }

        return Task.CompletedTask;
    }

    public async Task<bool> Record(CustodyRecord record)
    {
        if (!_seen.Add($"{record.SiteId}/{record.MsgId}"))
        {
            return false;
        }

        _history.Add(record);
        try
        {
            state.State.History = [.. _history];
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        return true;
    }

    public Task<PaperBagView> GetView() => Task.FromResult(new PaperBagView(
        this.GetPrimaryKeyString(), _history.LastOrDefault()?.Action, _history.LastOrDefault()?.SiteId, _history.ToList()));
}
