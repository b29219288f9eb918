using Clearance.Core.Ledger;
using Clearance.Server.Screening;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages.ScreeningQueue;

/// <summary>An officer confirms or dismisses one screening hit with a reason; a refusal shows the review again with the reason kept.</summary>
[Authorize(Policy = ClearancePolicies.Officer)]
public sealed class DecideModel(LedgerStore store, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public ReviewResponse Review { get; private set; } = null!;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IActionResult OnGet() => Load() ? Page() : NotFound();

    public IActionResult OnPostConfirm() => Decide(confirm: true);

    public IActionResult OnPostDismiss() => Decide(confirm: false);

    private IActionResult Decide(bool confirm)
    {
        var actor = User.ToLedgerActor();
        var (result, review, problems) = ReviewDesk.Decide(store, Id, confirm, Reason, actor, LedgerText.Today(clock));
        if (result == ReviewDecisionResult.NotFound)
        {
            return NotFound();
        }

        if (result == ReviewDecisionResult.Done)
        {
            return Redirect($"/screening/reviews?status={LedgerText.Key(review!.Status)}&party={Uri.EscapeDataString(review.PartyId)}#review-{review.Number}");
        }

        Errors = [.. problems.Select(p => p.Message)];
        Load();
        return Page();
    }

    private bool Load()
    {
        var state = store.ReadState();
        if (ScreeningReviews.Find(state, Id) is not { } review)
        {
            return false;
        }

        Review = ReviewResponse.From(review, state);
        return true;
    }
}
