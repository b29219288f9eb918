using Clearance.Core.Ledger;
using Clearance.Server.Hosting;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages.Orders;

/// <summary>One order in the list: its stored decision and what has shipped under it.</summary>
public sealed record OrderLine(OrderDecision Decision, int Shipments, long UnitsShipped, decimal LeviesUsd);

/// <summary>Every decided order, filtered by verdict, date of decision and id, newest first, a page at a time.</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class IndexModel(LedgerStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Verdict { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Verdicts { get; private set; } = [];

    public Page<OrderLine> Orders { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
        var errors = new List<string>();
        if (!ModelState.IsValid)
        {
            errors.AddRange(ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => $"{e.Key}: '{e.Value!.AttemptedValue}' is not a date; write YYYY-MM-DD"));
        }

        if (From is { } from && To is { } to && to < from)
        {
            errors.Add($"To ({LedgerText.Date(to)}) is before From ({LedgerText.Date(from)}); no order can match");
        }

        PageNumber = Math.Max(1, PageNumber);
        Errors = errors;
        var state = store.ReadState();
        Verdicts = [.. LedgerText.VerdictOrder(state.Orders.Values.Select(o => o.Verdict))];
        var shipments = state.Shipments.Values.ToLookup(s => s.Plan.OrderId, StringComparer.Ordinal);
        var levies = state.Levies.Where(l => state.Shipments.ContainsKey(l.ShipmentKey)).ToLookup(l => state.Shipments[l.ShipmentKey].Plan.OrderId, StringComparer.Ordinal);
        var matching = state.Orders.Values
            .Where(o => string.IsNullOrEmpty(Verdict) || o.Verdict == Verdict)
            .Where(o => From is not { } f || o.AsOf >= f)
            .Where(o => To is not { } t || o.AsOf <= t)
            .Where(o => string.IsNullOrWhiteSpace(Search) || o.OrderId.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(o => o.AsOf).ThenBy(o => o.OrderId, StringComparer.Ordinal)
            .Select(o =>
            {
                var shipped = shipments[o.OrderId].Where(s => s.Status == ShipmentStatus.Recorded).ToList();
                return new OrderLine(o, shipments[o.OrderId].Count(), shipped.Sum(s => s.Plan.Units), levies[o.OrderId].Sum(l => l.AmountUsd));
            })
            .ToList();
        Orders = Paging.Take(matching, PageNumber, Paging.DefaultSize);
    }

    /// <summary>This list's address with the same filters on another page.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["verdict"] = Verdict,
        ["from"] = From is { } f ? LedgerText.Date(f) : null,
        ["to"] = To is { } t ? LedgerText.Date(t) : null,
        ["q"] = Search,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
