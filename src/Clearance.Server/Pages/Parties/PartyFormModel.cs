using Clearance.Core.Ledger;
using Clearance.Core.Parsing;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages.Parties;

/// <summary>
/// What the party pages share: the party and the ledger state it was read from, why it cannot be approved yet
/// (the ledger's own rules, asked in advance), and an officer's decision appended with its problems kept per field.
/// </summary>
public abstract class PartyFormModel(LedgerStore store, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public Party Party { get; private set; } = null!;

    public LedgerState State { get; private set; } = LedgerState.Empty;

    public DateOnly Today => LedgerText.Today(clock);

    /// <summary>Problems by form field ("reason", "expires") or "party" for what is about the party itself.</summary>
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the ledger would refuse to approve the party today; empty when it may be approved.</summary>
    public IReadOnlyList<string> ApprovalBlockers { get; private set; } = [];

    protected LedgerStore Store => store;

    public static IReadOnlyList<string> WhyNotApprovable(LedgerState state, string partyId, DateOnly today) =>
        [.. TradeLedger.Decide(state, new ApproveParty(partyId, "approval check", today, today.AddYears(1))).Problems.Where(p => p.Field == "party").Select(p => p.Message)];

    public IEnumerable<string> ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>Reads the party; false when there is no such party.</summary>
    protected bool Load()
    {
        State = store.ReadState();
        if (!State.Parties.TryGetValue(Id, out var party))
        {
            return false;
        }

        Party = party;
        ApprovalBlockers = WhyNotApprovable(State, Id, Today);
        return true;
    }

    protected void AddError(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var messages))
        {
            Errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Appends the officer's command; on refusal keeps every problem under its field and returns false.</summary>
    protected bool Append(LedgerCommand command)
    {
        var result = store.Append([command], Actor());
        foreach (var problem in result.Outcome.Problems)
        {
            AddError(string.IsNullOrEmpty(problem.Field) ? "party" : problem.Field, problem.Message);
        }

        return result.Succeeded;
    }

    /// <summary>The signed-in user as the ledger records them.</summary>
    protected LedgerActor Actor() => User.ToLedgerActor();

    protected static SourceLocation Form(string page) => new(page, 0, 0);
}
