using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages.Parties;

/// <summary>Parties by where they stand in the approval workflow, with the counts of each status.</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class IndexModel(LedgerStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public PartyStatus? Selected { get; private set; }

    public string? StatusError { get; private set; }

    public IReadOnlyDictionary<PartyStatus, int> Counts { get; private set; } = new Dictionary<PartyStatus, int>();

    public IReadOnlyList<Party> Parties { get; private set; } = [];

    public IReadOnlyDictionary<string, int> OpenHits { get; private set; } = new Dictionary<string, int>();

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
        Counts = Enum.GetValues<PartyStatus>().ToDictionary(s => s, s => state.Parties.Values.Count(p => p.Status == s));
        OpenHits = ScreeningReviews.Queue(state).GroupBy(r => r.PartyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Parties = [.. state.Parties.Values
            .Where(p => Selected is not { } s || p.Status == s)
            .OrderBy(p => p.Status).ThenBy(p => p.Request.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
