using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages.Orders;

/// <summary>One order: its stored decision (verdict, pack versions, levies and duties, on the order's date) and its shipments.</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class DetailModel(LedgerStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public OrderDecision Decision { get; private set; } = null!;

    public IReadOnlyList<Shipment> Shipments { get; private set; } = [];

    public IReadOnlyList<LevyAccrued> Levies { get; private set; } = [];

    public IReadOnlyDictionary<string, Party> Parties { get; private set; } = new Dictionary<string, Party>();

    public IActionResult OnGet()
    {
        var state = store.ReadState();
        if (!state.Orders.TryGetValue(Id, out var decision))
        {
            return NotFound();
        }

        Decision = decision;
        Shipments = [.. state.Shipments.Values.Where(s => s.Plan.OrderId == Id).OrderBy(s => s.Plan.Date).ThenBy(s => s.Key, StringComparer.Ordinal)];
        var keys = Shipments.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        Levies = [.. state.Levies.Where(l => keys.Contains(l.ShipmentKey))];
        Parties = state.Parties;
        return Page();
    }
}
