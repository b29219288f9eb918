using Clearance.Core.Ledger;
using Clearance.Core.Parsing;
using Clearance.Storage.Ledger;

namespace Clearance.Server.Screening;

/// <summary>A screening review as the API and the web UI show it: the hit with its evidence, the party, where it stands.</summary>
public sealed record ReviewResponse(
    long Id,
    string PartyId,
    string PartyName,
    ScreeningReviewStatus Status,
    string ListVersion,
    DateOnly FoundOn,
    string? Reason,
    DateOnly? DecidedOn,
    ScreenedHit Hit)
{
    public static ReviewResponse From(ScreeningReview review, LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(state);
        var name = state.Parties.TryGetValue(review.PartyId, out var party) ? party.Request.Name : review.PartyId;
        return new ReviewResponse(review.Number, review.PartyId, name, review.Status, review.ListVersion, review.FoundOn, review.Reason, review.DecidedOn, review.Hit);
    }
}

/// <summary>Which reviews a list shows: those waiting (the default), decided ones, or all of the parties' last screenings.</summary>
public enum ReviewFilter
{
    Pending,
    Confirmed,
    Dismissed,
    All,
}

/// <summary>How an officer's decision on a hit came out: done, or refused, and why.</summary>
public enum ReviewDecisionResult
{
    Done,
    NotFound,
    Invalid,
    Conflict,
}

/// <summary>The screening review desk over the ledger, shared by the API and the web UI.</summary>
public static class ReviewDesk
{
    public static IReadOnlyList<ScreeningReview> List(LedgerState state, ReviewFilter filter, string? partyId)
    {
        var current = filter == ReviewFilter.Pending ? ScreeningReviews.Queue(state) : ScreeningReviews.Current(state);
        return [.. current
            .Where(r => filter is ReviewFilter.All or ReviewFilter.Pending || r.Status.ToString() == filter.ToString())
            .Where(r => string.IsNullOrEmpty(partyId) || r.PartyId == partyId)];
    }

    /// <summary>Confirms or dismisses a hit as the actor, today; the problems say why when it is refused.</summary>
    public static (ReviewDecisionResult Result, ScreeningReview? Review, IReadOnlyList<Problem> Problems) Decide(LedgerStore store, long number, bool confirm, string? reason, LedgerActor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(store);
        LedgerCommand command = confirm
            ? new ConfirmScreeningHit(number, reason ?? "", today) { Origin = new SourceLocation("request", 0, 0) }
            : new DismissScreeningHit(number, reason ?? "", today) { Origin = new SourceLocation("request", 0, 0) };
        var appended = store.Append([command], actor);
        var problems = appended.Outcome.Problems;
        if (appended.Succeeded)
        {
            return (ReviewDecisionResult.Done, ScreeningReviews.Find(appended.Outcome.State, number) ?? ScreeningReviews.Find(store.ReadState(), number), []);
        }

        var result = problems.Any(p => p.Field == "review" && p.Message.StartsWith("no screening review", StringComparison.Ordinal)) ? ReviewDecisionResult.NotFound
            : problems.Any(p => p.Field == "review") ? ReviewDecisionResult.Conflict
            : ReviewDecisionResult.Invalid;
        return (result, null, problems);
    }
}
