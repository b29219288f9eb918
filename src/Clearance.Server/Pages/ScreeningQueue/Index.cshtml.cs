using Clearance.Server.Screening;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages.ScreeningQueue;

/// <summary>The screening review queue: each hit of a party's last screening with its evidence, oldest first.</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class IndexModel(LedgerStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Party { get; set; }

    public ReviewFilter Filter { get; private set; } = ReviewFilter.Pending;

    public string? StatusError { get; private set; }

    public IReadOnlyList<ReviewResponse> Reviews { get; private set; } = [];

    public void OnGet()
    {
        if (!string.IsNullOrEmpty(Status))
        {
            if (Enum.TryParse<ReviewFilter>(Status, ignoreCase: true, out var filter) && Enum.IsDefined(filter))
            {
                Filter = filter;
            }
            else
            {
                StatusError = $"'{Status}' is not a review status; showing the pending ones.";
            }
        }

        var state = store.ReadState();
        Reviews = [.. ReviewDesk.List(state, Filter, Party).Select(r => ReviewResponse.From(r, state))];
    }
}
