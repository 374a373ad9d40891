using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Grains.Papers;

/// <summary>
/// One A → B paper-set switch and each site's acknowledgement. While any site is pending a timer looks
/// for sites whose time is up and marks them overdue (an alarm); reads check too, so a manual clock in
/// tests and a freshly activated grain see the same answer. A leaf grain.
/// </summary>
internal sealed class PaperSwitchGrain(
    [PersistentState("switch")] IPersistentState<PaperSwitchState> state,
    TimeProvider time,
    ILogger<PaperSwitchGrain> logger) : Grain, IPaperSwitchGrain
{
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        StartTimerIfPending();
        return Task.CompletedTask;
    }

    public async Task<PaperSwitchView> Start(PaperSwitchOrder order)
    {
        if (state.State.Order is null)
        {
            state.State.Order = order;
            state.State.Sites = order.Sites.Distinct(StringComparer.Ordinal)
                .Select(s => new SwitchSiteProgress(s, order.CommandMsgId(s), SwitchSiteState.Pending, null, null, null, null)).ToList();
            await state.WriteStateAsync();
            StartTimerIfPending();
        }

        return View()!;
    }

    public async Task MarkSent(string siteId, DateTimeOffset at)
    {
        var i = state.State.Sites.FindIndex(s => s.SiteId == siteId);
        if (i >= 0 && state.State.Sites[i].SentAt is null)
        {
            state.State.Sites[i] = state.State.Sites[i] with { SentAt = at };
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> Acknowledge(string siteId, string commandMsgId, bool ok, string? detail, DateTimeOffset at)
    {
        var i = state.State.Sites.FindIndex(s => s.SiteId == siteId);
        if (i < 0 || state.State.Sites[i].CommandMsgId != commandMsgId)
        {
            return false;
        }

        var site = state.State.Sites[i];
        if (site.State is SwitchSiteState.Acknowledged)
        {
            return true;
        }

        // A late acknowledgement still counts; OverdueSince stays as the record that it was late.
        state.State.Sites[i] = site with { State = ok ? SwitchSiteState.Acknowledged : SwitchSiteState.Refused, AnsweredAt = at, Detail = detail };
        await state.WriteStateAsync();
        return true;
    }

    public async Task<PaperSwitchView?> CheckOverdue()
    {
        if (state.State.Order is not { } order)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var overdue = new List<SwitchSiteProgress>();
        for (var i = 0; i < state.State.Sites.Count; i++)
        {
            var site = state.State.Sites[i];
            if (site.State == SwitchSiteState.Pending && now >= (site.SentAt ?? order.OrderedAt) + order.AckTimeout)
            {
                state.State.Sites[i] = site with { State = SwitchSiteState.Overdue, OverdueSince = now };
                overdue.Add(state.State.Sites[i]);
                logger.LogWarning("Paper switch {SwitchId}: site {SiteId} has not acknowledged the switch to set {Set} within {Timeout}",
                    order.SwitchId, site.SiteId, order.ToSet, order.AckTimeout);
            }
        }

        if (overdue.Count > 0)
        {
            await state.WriteStateAsync();
            foreach (var site in overdue)
            {
                // Upwards to the site (which never calls a switch): its alarm lifecycle takes it from here.
                await GrainFactory.GetGrain<ISiteGrain>(site.SiteId).RaiseAlarm(AlarmCauses.PaperSwitchUnacknowledged,
                    $"{AlarmCauses.PaperSwitchUnacknowledged}/{order.SwitchId}", AlarmSeverity.Critical, null,
                    $"switch to paper set {order.ToSet} ({order.SwitchId}) not acknowledged within {order.AckTimeout.TotalSeconds:0} s");
            }
        }

        if (!state.State.Sites.Any(s => s.State == SwitchSiteState.Pending))
        {
            _timer?.Dispose();
            _timer = null;
        }

        return View();
    }

    public Task<PaperSwitchView?> GetView() => CheckOverdue();

    private void StartTimerIfPending()
    {
        if (_timer is null && state.State.Order is { } order && state.State.Sites.Any(s => s.State == SwitchSiteState.Pending))
        {
            var period = TimeSpan.FromTicks(Math.Clamp(order.AckTimeout.Ticks / 4, TimeSpan.TicksPerSecond, 5 * TimeSpan.TicksPerSecond));
            _timer = this.RegisterGrainTimer(_ => CheckOverdue(), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        }
    }

    private PaperSwitchView? View()
    {
        if (state.State.Order is not { } order)
        {
            return null;
        }

        var sites = state.State.Sites.ToList();
        return new PaperSwitchView(order, sites,
            sites.Count(s => s.State == SwitchSiteState.Acknowledged),
            sites.Count(s => s.State == SwitchSiteState.Pending),
            sites.Count(s => s.State == SwitchSiteState.Overdue),
            sites.Count(s => s.State == SwitchSiteState.Refused));
    }
}

[GenerateSerializer]
internal sealed class PaperSwitchState
{
    [Id(0)] public PaperSwitchOrder? Order { get; set; }

    [Id(1)] public List<SwitchSiteProgress> Sites { get; set; } = [];
}

/// <summary>The ids of every switch ordered, in order. A leaf grain.</summary>
internal sealed class PaperSwitchDirectoryGrain([PersistentState("switches")] IPersistentState<List<string>> state)
    : Grain, IPaperSwitchDirectoryGrain
{
    public async Task Add(string switchId)
    {
        if (!state.State.Contains(switchId))
        {
            state.State.Add(switchId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>(state.State.ToList());
}
