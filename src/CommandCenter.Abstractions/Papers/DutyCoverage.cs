namespace CommandCenter.Abstractions.Papers;

/// <summary>A stretch of time in which the site's vault held papers and nobody was on duty; <see cref="To"/> null while it lasts.</summary>
[GenerateSerializer, Immutable]
public sealed record DutyGap([property: Id(0)] DateTimeOffset From, [property: Id(1)] DateTimeOffset? To)
{
    public TimeSpan Length(DateTimeOffset now) => (To ?? now) - From;
}

/// <summary>
/// 24-hour duty (值班) over a site's vault: the vault holds papers while at least one of the site's bags is
/// stored at the site (from its ledger), and each such period must be covered by recorded duty shifts.
/// </summary>
public static class DutyCoverage
{
    /// <summary>The periods in which at least one bag was stored at the site, by the events' own times; the last may be open.</summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> HoldingPeriods(IEnumerable<LedgerEntry> entries)
    {
        var periods = new List<(DateTimeOffset, DateTimeOffset?)>();
        var held = 0;
        DateTimeOffset since = default;
        // An approval is an entry that does not move the bag (From == To): it neither starts nor ends holding.
        foreach (var entry in entries.Where(e => e.From != e.To).OrderBy(e => e.Ts).ThenBy(e => e.Sequence))
        {
            var delta = (entry.To == BagState.StoredAtSite ? 1 : 0) - (entry.From == BagState.StoredAtSite ? 1 : 0);
            if (delta > 0 && held == 0)
            {
                since = entry.Ts;
            }
            else if (delta < 0 && held == 1)
            {
                periods.Add((since, entry.Ts));
            }

            held = Math.Max(0, held + delta);
        }

        if (held > 0)
        {
            periods.Add((since, null));
        }

        return periods;
    }

    /// <summary>The parts of the holding periods up to <paramref name="now"/> no shift covers, longer than <paramref name="tolerance"/>.</summary>
    public static IReadOnlyList<DutyGap> Gaps(IEnumerable<LedgerEntry> entries, IEnumerable<VaultDutyShift> shifts, DateTimeOffset now, TimeSpan tolerance)
    {
        var covered = shifts.Select(s => (s.From, s.To)).OrderBy(s => s.From).ToList();
        var gaps = new List<DutyGap>();
        foreach (var (from, to) in HoldingPeriods(entries))
        {
            var end = to ?? now;
            var cursor = from;
            foreach (var (shiftFrom, shiftTo) in covered)
            {
                if (shiftTo <= cursor || shiftFrom >= end)
                {
                    continue;
                }

                if (shiftFrom > cursor)
                {
                    gaps.Add(new DutyGap(cursor, shiftFrom));
                }

                cursor = shiftTo > cursor ? shiftTo : cursor;
                if (cursor >= end)
                {
                    break;
                }
            }

            if (cursor < end)
            {
                gaps.Add(new DutyGap(cursor, to is null ? null : end));
            }
        }

        return gaps.Where(g => g.Length(now) > tolerance).ToList();
    }
}
