using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Clearance.Server.Classification;

namespace Clearance.Server.Pages.Parties;

/// <summary>An officer approves a screened party as a customer, with a reason and an expiry date.</summary>
[Authorize(Policy = ClearancePolicies.Officer)]
public sealed class ApproveModel(LedgerStore store, TimeProvider clock) : PartyFormModel(store, clock)
{
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Expires { get; set; }

    public IActionResult OnGet() => Load() ? Page() : NotFound();

    public IActionResult OnPost()
    {
        if (!Load())
        {
            return NotFound();
        }

        DateOnly expires = default;
        if (string.IsNullOrWhiteSpace(Expires))
        {
            AddError("expires", "is required: the date the approval ends");
        }
        else if (!DateOnly.TryParseExact(Expires.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out expires))
        {
            AddError("expires", ClassificationApi.NotADate(Expires));
        }

        if (Errors.Count > 0 || !Append(new ApproveParty(Id, Reason ?? "", Today, expires) { Origin = Form("approve form") }))
        {
            return Page();
        }

        return Redirect($"/parties/{Uri.EscapeDataString(Id)}?done=approved");
    }
}
