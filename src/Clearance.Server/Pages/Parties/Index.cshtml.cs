using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Screening;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages.Parties;

/// <summary>
/// Parties by where they stand in the approval workflow, with the counts of each status, and (for an analyst) the
/// re-screening of every party last screened against older lists than those in force.
/// </summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class IndexModel(LedgerStore store, ListsInForce inForce, TimeProvider clock) : PageModel
{
    // The lists in force when the request began: a reload during it does not mix two sets in one page.
    private readonly ScreeningLists _lists = inForce.Current;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public PartyStatus? Selected { get; private set; }

    public string? StatusError { get; private set; }

    public IReadOnlyDictionary<PartyStatus, int> Counts { get; private set; } = new Dictionary<PartyStatus, int>();

    public IReadOnlyList<Party> Parties { get; private set; } = [];

    public IReadOnlyDictionary<string, int> OpenHits { get; private set; } = new Dictionary<string, int>();

    /// <summary>The version of the lists in force.</summary>
    public string ListVersion => _lists.Lists.Version;

    public bool SampleLists => _lists.IsSample;

    /// <summary>How many parties were last screened against other lists than those in force.</summary>
    public int Stale { get; private set; }

    /// <summary>What the re-screening just done found (after the form is posted).</summary>
    public RescreenReport? Rescreened { get; private set; }

    public IReadOnlyList<string> RescreenErrors { get; private set; } = [];

    /// <summary>Re-screens every party screened against older lists and records the outcomes, all or none (analysts and up).</summary>
    public IActionResult OnPostRescreen()
    {
        if (!User.HasRole(Role.Analyst))
        {
            return Forbid();
        }

        var report = PartyRescreening.Rescreen(store.ReadState().Parties.Values, _lists.Index, _lists.Earlier);
        if (report.Rescreened.Count > 0)
        {
            var result = store.Append(report.ScreeningsToRecord(LedgerText.Today(clock)), User.ToLedgerActor());
            RescreenErrors = [.. result.Outcome.Problems.Select(p => p.Message)];
        }

        Rescreened = RescreenErrors.Count == 0 ? report : null;
        OnGet();
        return Page();
    }

    public void OnGet()
    {
        if (!string.IsNullOrEmpty(Status))
        {
            if (Enum.TryParse<PartyStatus>(Status, ignoreCase: true, out var status) && Enum.IsDefined(status))
            {
                Selected = status;
            }
            else
            {
                StatusError = $"'{Status}' is not a status; choose one of {string.Join(", ", Enum.GetValues<PartyStatus>().Select(LedgerText.Key))}. Showing every party.";
            }
        }

        var state = store.ReadState();
        Stale = state.Parties.Values.Count(p => p.LastScreening is { } last && last.ListVersion != _lists.Lists.Version);
        Counts = Enum.GetValues<PartyStatus>().ToDictionary(s => s, s => state.Parties.Values.Count(p => p.Status == s));
        OpenHits = ScreeningReviews.Queue(state).GroupBy(r => r.PartyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Parties = [.. state.Parties.Values
            .Where(p => Selected is not { } s || p.Status == s)
            .OrderBy(p => p.Status).ThenBy(p => p.Request.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
