using System.Collections.Immutable;

namespace Clearance.Core.Ledger;

/// <summary>One payee's total of one kind of levy or duty in a period, with the entries it sums.</summary>
public sealed record RemittanceLine(LevyKind Kind, string Payee, decimal RatePercent, int Entries, decimal AmountUsd);

/// <summary>
/// What is owed for one period: the levies and duties accrued on shipments recorded in it, net of compensating
/// entries for reversals booked in it. Derived from the ledger; never stored separately, so it cannot drift.
/// </summary>
public sealed record RemittanceStatement(RemittancePeriod Period, ImmutableArray<RemittanceLine> Lines)
{
    public decimal TotalUsd => Lines.Sum(l => l.AmountUsd);

    public static RemittanceStatement For(RemittancePeriod period, IEnumerable<LevyAccrued> accruals) => new(
        period,
        [.. accruals
            .Where(a => a.Period == period)
            .GroupBy(a => (a.Kind, a.Payee, a.RatePercent))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Payee, StringComparer.Ordinal).ThenBy(g => g.Key.RatePercent)
            .Select(g => new RemittanceLine(g.Key.Kind, g.Key.Payee, g.Key.RatePercent, g.Count(), g.Sum(a => a.AmountUsd)))]);
}
