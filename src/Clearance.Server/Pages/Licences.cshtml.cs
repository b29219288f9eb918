using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>Every licence: authorised, reserved and used units and value, validity on today's date, parties, products, conditions.</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class LicencesModel(LedgerStore store, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }

    public IReadOnlyList<Licence> Licences { get; private set; } = [];

    public IReadOnlyList<UsageRow> Depletion { get; private set; } = [];

    public void OnGet()
    {
        Today = LedgerText.Today(clock);
        var state = store.ReadState();
        Licences = [.. state.Licences.Values.OrderBy(l => l.Number, StringComparer.Ordinal)];
        Depletion = DashboardModel.LicenceRows(state);
    }
}
