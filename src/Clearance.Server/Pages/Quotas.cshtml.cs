using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>Import quota pools (total, reserved, used, buyers, source and confidence) and volume caps (the 50% rule).</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class QuotasModel(LedgerStore store, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }

    public IReadOnlyList<QuotaPool> Pools { get; private set; } = [];

    public IReadOnlyList<VolumeCap> Caps { get; private set; } = [];

    public IReadOnlyList<UsageRow> Gauges { get; private set; } = [];

    public IReadOnlyDictionary<string, Party> Parties { get; private set; } = new Dictionary<string, Party>();

    public void OnGet()
    {
        Today = LedgerText.Today(clock);
        var state = store.ReadState();
        Pools = [.. state.QuotaPools.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];
        Caps = [.. state.VolumeCaps.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];
        Gauges = DashboardModel.QuotaRows(state);
        Parties = state.Parties;
    }
}
