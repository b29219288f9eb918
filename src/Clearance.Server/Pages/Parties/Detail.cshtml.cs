using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Clearance.Server.Pages.Parties;

/// <summary>One party: where it stands, why it cannot be approved yet, its screening hits, and its history.</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class DetailModel(LedgerStore store, TimeProvider clock) : PartyFormModel(store, clock)
{
    /// <summary>What was just done (after a redirect from the approve or reject form).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<ScreeningReview> Reviews { get; private set; } = [];

    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!Load())
        {
            return NotFound();
        }

        Reviews = ScreeningReviews.OfLastScreening(State, Id);
        History = PartyHistory.Of(Store.ReadAuditLog(), Id);
        return Page();
    }
}
