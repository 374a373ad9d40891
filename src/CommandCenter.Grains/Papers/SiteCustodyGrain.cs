using CommandCenter.Abstractions;
using CommandCenter.Abstractions.Alarms;
using CommandCenter.Abstractions.Papers;
using CommandCenter.Abstractions.Plan;

namespace CommandCenter.Grains.Papers;

/// <summary>
/// A site's custody ledger: checks an event against the plan and the exam's handling rules, then appends it
/// to the hash chain and writes the whole state before answering, so an accepted event is durable and a
/// refused one leaves the chain untouched. The ledger is written whole on each append: a site sees a few
/// thousand custody events on its busiest day, which keeps this cheap.
/// </summary>
internal sealed class SiteCustodyGrain(
    [PersistentState("ledger")] IPersistentState<SiteLedgerState> state,
    TimeProvider time) : Grain, ISiteCustodyGrain
{
    private const int KeptViolations = 200;
    private static readonly TimeSpan DutyCheckPeriod = TimeSpan.FromMinutes(1);
    private SitePlanFacts? _facts;
    private IGrainTimer? _dutyTimer;

    private string SiteId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        WatchDutyWhileHolding();
        return Task.CompletedTask;
    }

    public async Task<CustodyOutcome> Append(PaperBagSpec spec, CustodyRecord record, BagState from, BagState to)
    {
        if (state.State.MsgIds.Contains(record.MsgId))
        {
            return CustodyOutcome.Duplicate(from);
        }

        if (await Check(spec, record, from) is { } refusal)
        {
            await Refuse(new CustodyViolation(time.GetUtcNow(), spec.BagId, record.MsgId, record.Action, refusal.Reason!.Value,
                refusal.Detail!, record.Source));
            return refusal;
        }

        var s = state.State;
        var entry = LedgerChain.Link(s.LastHash, new LedgerEntry(s.Entries.Count + 1, SiteId, spec.ExamId, spec.BagId, record.MsgId,
            record.Ts, record.ReceivedAt, record.Action, from, to, record.Room, record.Staff.ToArray(), record.Count, record.Note, record.Source, "", ""));
        s.Entries.Add(entry);
        s.MsgIds.Add(record.MsgId);
        var previousHash = s.LastHash;
        s.LastHash = entry.Hash;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            s.Entries.RemoveAt(s.Entries.Count - 1);
            s.MsgIds.Remove(record.MsgId);
            s.LastHash = previousHash;
            throw;
        }

        WatchDutyWhileHolding();
        return new CustodyOutcome(CustodyVerdict.Accepted, null, null, to, entry.Sequence);
    }

    public Task RecordRefusal(CustodyViolation violation) => Refuse(violation);

    public Task<IReadOnlyList<LedgerEntry>> Entries(string? bagId) => Task.FromResult<IReadOnlyList<LedgerEntry>>(
        bagId is null ? state.State.Entries.ToList() : state.State.Entries.Where(e => e.BagId == bagId).ToList());

    public async Task<LedgerVerification> Verify()
    {
        await state.ReadStateAsync();
        return LedgerChain.Verify(state.State.Entries);
    }

    public async Task<SiteCustodyView> GetView() => new(SiteId, state.State.Entries.Count, state.State.LastHash,
        new Dictionary<CustodyRefusal, long>(state.State.Refusals), state.State.Violations.ToList(), state.State.DutyShifts.ToList(),
        DutyCoverage.Gaps(state.State.Entries, state.State.DutyShifts, time.GetUtcNow(), await DutyTolerance()));

    public async Task<IReadOnlyList<DutyGap>> CheckDutyCoverage()
    {
        var gaps = DutyCoverage.Gaps(state.State.Entries, state.State.DutyShifts, time.GetUtcNow(), await DutyTolerance());
        foreach (var gap in gaps)
        {
            // One alarm per gap (keyed by its start): the site keeps it until a person closes it, even if a shift is recorded later.
            await GrainFactory.GetGrain<ISiteGrain>(SiteId).RaiseAlarm(AlarmCauses.VaultDutyGap,
                $"{AlarmCauses.VaultDutyGap}/{gap.From.ToUnixTimeSeconds()}", AlarmSeverity.Alarm, null,
                gap.To is { } to
                    ? $"the vault held papers with nobody on duty from {gap.From:yyyy-MM-dd HH:mm zzz} to {to:yyyy-MM-dd HH:mm zzz}"
                    : $"the vault holds papers with nobody on duty since {gap.From:yyyy-MM-dd HH:mm zzz}");
        }

        WatchDutyWhileHolding();
        return gaps;
    }

    // While papers lie in the vault, duty coverage is checked every minute (and the activation kept).
    private void WatchDutyWhileHolding()
    {
        var holding = DutyCoverage.HoldingPeriods(state.State.Entries) is { Count: > 0 } periods && periods[^1].To is null;
        if (holding && _dutyTimer is null)
        {
            _dutyTimer = this.RegisterGrainTimer(_ => CheckDutyCoverage(), new GrainTimerCreationOptions(DutyCheckPeriod, DutyCheckPeriod) { KeepAlive = true });
        }
        else if (!holding && _dutyTimer is not null)
        {
            _dutyTimer.Dispose();
            _dutyTimer = null;
        }
    }

    private async Task<TimeSpan> DutyTolerance()
    {
        var examId = state.State.Entries.Count > 0 ? state.State.Entries[^1].ExamId : null;
        var rules = examId is null ? new HandlingRules() : await GrainFactory.GetGrain<IHandlingRulesGrain>(examId).Get();
        return TimeSpan.FromMinutes(rules.DutyGapToleranceMinutes);
    }

    public async Task<string?> RecordDuty(VaultDutyShift shift)
    {
        if (shift.To <= shift.From || shift.To - shift.From > TimeSpan.FromHours(25))
        {
            return "a shift ends after it starts and lasts at most 25 hours";
        }

        if (await Facts() is { } facts && facts.NotInPlan(shift.Staff) is { Count: > 0 } unknown)
        {
            return $"staff {string.Join(", ", unknown.Take(5))} not in the plan for site {SiteId} or its region";
        }

        state.State.DutyShifts.Add(shift with { Staff = shift.Staff.ToArray() });
        await state.WriteStateAsync();
        return null;
    }

    private async Task<CustodyOutcome?> Check(PaperBagSpec spec, CustodyRecord record, BagState from)
    {
        var rules = await GrainFactory.GetGrain<IHandlingRulesGrain>(spec.ExamId).Get();
        if (record.Action == CustodyAction.Approved)
        {
            return null;
        }

        if (await Facts() is not { } facts)
        {
            return CustodyOutcome.Refuse(CustodyRefusal.NoPlan, "no exam plan is loaded: staff and opening times cannot be checked", from);
        }

        if (facts.NotInPlan(record.Staff) is { Count: > 0 } unknown)
        {
            return CustodyOutcome.Refuse(CustodyRefusal.StaffNotInPlan,
                $"staff {string.Join(", ", unknown.Take(5))} not in the plan for site {SiteId} or its region", from);
        }

        var needed = rules.MinStaffFor(record.Action, spec.Kind);
        var present = record.Staff.Distinct(StringComparer.Ordinal).Count();
        if (present < needed)
        {
            return CustodyOutcome.Refuse(CustodyRefusal.TooFewStaff, $"{record.Action} needs {needed} staff, {present} named", from);
        }

        if (record.Action != CustodyAction.Opened)
        {
            return null;
        }

        if (facts.Session(spec.SessionId) is { } session && record.Ts < session.BagOpening)
        {
            return CustodyOutcome.Refuse(CustodyRefusal.OpenedTooEarly,
                $"opened at {record.Ts:O}, before the bag-opening time {session.BagOpening:O} of session {spec.SessionId}", from);
        }

        if (spec.Kind == BagKind.Regular || !rules.BackupNeedsApprovalAndChiefDeputy)
        {
            return null;
        }

        if (!state.State.Entries.Any(e => e.BagId == spec.BagId && e.Action == CustodyAction.Approved))
        {
            return CustodyOutcome.Refuse(CustodyRefusal.ApprovalMissing, $"{spec.Kind} papers need a commander's approval before opening", from);
        }

        return facts.HasRole(record.Staff, StaffRole.Chief, SiteId) && facts.HasRole(record.Staff, StaffRole.DeputyChief, SiteId)
            ? null
            : CustodyOutcome.Refuse(CustodyRefusal.ChiefAndDeputyRequired, $"{spec.Kind} papers are opened by the site's chief and deputy chief together", from);
    }

    private async Task<SitePlanFacts?> Facts()
    {
        var plan = await GrainFactory.GetGrain<IExamPlanGrain>(IExamPlanGrain.CurrentKey).GetPlan();
        if (plan is null)
        {
            return null;
        }

        if (_facts?.Fingerprint != plan.Fingerprint)
        {
            _facts = new SitePlanFacts(plan, SiteId);
        }

        return _facts;
    }

    private async Task Refuse(CustodyViolation violation)
    {
        var s = state.State;
        s.Refusals[violation.Reason] = s.Refusals.GetValueOrDefault(violation.Reason) + 1;
        s.Violations.Add(violation);
        if (s.Violations.Count > KeptViolations)
        {
            s.Violations.RemoveAt(0);
        }

        await state.WriteStateAsync();

        // Upwards to the site, which owns the alarm lifecycle; the site never calls its ledger.
        await GrainFactory.GetGrain<ISiteGrain>(SiteId).RaiseAlarm(AlarmCauses.CustodyRefused,
            $"{AlarmCauses.CustodyRefused}/{violation.BagId}/{violation.Reason}", SeverityOf(violation.Reason), null,
            $"{violation.BagId} {violation.Action}: {violation.Reason} ({violation.Detail})");
    }

    // Steps that could expose papers early or to the wrong people are critical; the rest are alarms.
    private static AlarmSeverity SeverityOf(CustodyRefusal reason) => reason switch
    {
        CustodyRefusal.OpenedTooEarly or CustodyRefusal.WrongRoom or CustodyRefusal.ApprovalMissing
            or CustodyRefusal.ChiefAndDeputyRequired or CustodyRefusal.UnknownBag or CustodyRefusal.WrongSite => AlarmSeverity.Critical,
        _ => AlarmSeverity.Alarm,
    };
}

/// <summary>The stored ledger of a site. Public so that a test can change one stored entry and see verification fail.</summary>
[GenerateSerializer]
public sealed class SiteLedgerState
{
    [Id(0)] public List<LedgerEntry> Entries { get; set; } = [];

    [Id(1)] public string LastHash { get; set; } = LedgerChain.Genesis;

    [Id(2)] public HashSet<string> MsgIds { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public Dictionary<CustodyRefusal, long> Refusals { get; set; } = [];

    [Id(4)] public List<CustodyViolation> Violations { get; set; } = [];

    [Id(5)] public List<VaultDutyShift> DutyShifts { get; set; } = [];
}
