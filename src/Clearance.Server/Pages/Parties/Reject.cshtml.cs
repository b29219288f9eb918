using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Clearance.Server.Pages.Parties;

/// <summary>An officer rejects a party, with a reason.</summary>
[Authorize(Policy = ClearancePolicies.Officer)]
public sealed class RejectModel(LedgerStore store, TimeProvider clock) : PartyFormModel(store, clock)
{
    [BindProperty]
    public string? Reason { get; set; }

    public IActionResult OnGet() => Load() ? Page() : NotFound();

    public IActionResult OnPost()
    {
        if (!Load())
        {
            return NotFound();
        }

        return Append(new RejectParty(Id, Reason ?? "", Today) { Origin = Form("reject form") })
            ? Redirect($"/parties/{Uri.EscapeDataString(Id)}?done=rejected")
            : Page();
    }
}
