using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>The compliance team's dashboard: orders by verdict and levies by month, quota and cap gauges, licence depletion.</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class DashboardModel(LedgerStore store, TimeProvider clock) : PageModel
{
    /// <summary>At most this many months are drawn, the most recent ones.</summary>
    public const int MaxMonths = 24;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<string> Months { get; private set; } = [];

    public IReadOnlyList<ChartSeries> OrdersByVerdict { get; private set; } = [];

    public IReadOnlyList<ChartSeries> LeviesByKind { get; private set; } = [];

    public IReadOnlyList<UsageRow> Quotas { get; private set; } = [];

    public IReadOnlyList<UsageRow> Licences { get; private set; } = [];

    public int OrderCount { get; private set; }

    public decimal LeviesTotal { get; private set; }

    public IReadOnlyDictionary<PartyStatus, int> PartiesByStatus { get; private set; } = new Dictionary<PartyStatus, int>();

    public int PendingReviews { get; private set; }

    public void OnGet()
    {
        Today = LedgerText.Today(clock);
        var state = store.ReadState();
        var orders = state.Orders.Values.ToList();
        OrderCount = orders.Count;
        LeviesTotal = state.Levies.Sum(l => l.AmountUsd);
        PartiesByStatus = Enum.GetValues<PartyStatus>().ToDictionary(s => s, s => state.Parties.Values.Count(p => p.Status == s));
        PendingReviews = ScreeningReviews.Queue(state).Count;

        var dates = orders.Select(o => o.AsOf).Concat(state.Levies.Select(l => l.On)).ToList();
        Months = dates.Count == 0 ? [] : MonthsBetween(dates.Min(), dates.Max());
        OrdersByVerdict = [.. LedgerText.VerdictOrder(orders.Select(o => o.Verdict)).Select(verdict => new ChartSeries(
            LedgerText.Verdict(verdict),
            LedgerText.VerdictColour(verdict),
            [.. Months.Select(m => (decimal)orders.Count(o => o.Verdict == verdict && LedgerText.Month(o.AsOf) == m))]))];
        LeviesByKind = [.. Enum.GetValues<LevyKind>().Select(kind => new ChartSeries(
            kind == LevyKind.Levy ? "levies" : "duties",
            kind == LevyKind.Levy ? "#7a4fbf" : "#1f7a8c",
            [.. Months.Select(m => state.Levies.Where(l => l.Kind == kind && LedgerText.Month(l.On) == m).Sum(l => l.AmountUsd))]))];
        Quotas = QuotaRows(state);
        Licences = LicenceRows(state);
    }

    /// <summary>Quota pools (units of the pool) and volume caps (units the capped destinations may take now).</summary>
    public static IReadOnlyList<UsageRow> QuotaRows(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return
        [
            .. state.QuotaPools.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new UsageRow(
                $"pool {p.Id}", p.UsedUnits, p.ReservedUnits, p.Opening.TotalUnits, "units",
                $"{p.Opening.Product} into {p.Opening.Jurisdiction}, {p.Opening.Confidence}")),
            .. state.VolumeCaps.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => new UsageRow(
                $"cap {c.Id}", c.UsedUnits, c.ReservedUnits, c.LimitUnits, "units",
                $"{LedgerText.Percent(c.Setting.RatioPercent)} of {LedgerText.Units(c.BaseUnits)} units shipped for {c.Setting.BaseCountry} end use")),
        ];
    }

    /// <summary>Licences by units: used, reserved and left of what each authorises.</summary>
    public static IReadOnlyList<UsageRow> LicenceRows(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Licences.Values.OrderBy(l => l.Number, StringComparer.Ordinal).Select(l => new UsageRow(
            l.Number, l.UsedUnits, l.ReservedUnits, l.Grant.AuthorisedUnits, "units",
            $"{LedgerText.Money(l.UsedValueUsd + l.ReservedValueUsd)} of {LedgerText.Money(l.Grant.AuthorisedValueUsd)} held"))];
    }

    private static List<string> MonthsBetween(DateOnly first, DateOnly last)
    {
        var months = new List<string>();
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            months.Add(LedgerText.Month(month));
        }

        return months.Count > MaxMonths ? months[^MaxMonths..] : months;
    }
}
