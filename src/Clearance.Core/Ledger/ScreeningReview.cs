using System.Collections.Immutable;
using Clearance.Core.Parsing;

namespace Clearance.Core.Ledger;

/// <summary>One token of a party's name set against a token of the listed name, as the screening recorded it.</summary>
public sealed record RecordedTokenEvidence(string QueryToken, string? ListToken, double Similarity, double Weight, string Kind);

/// <summary>Where the review of one screening hit stands.</summary>
public enum ScreeningReviewStatus
{
    /// <summary>Found and not yet reviewed: the party cannot be approved.</summary>
    Pending,

    /// <summary>An officer found the party is the listed one: the party cannot be approved, and an approval is suspended.</summary>
    Confirmed,

    /// <summary>An officer found the party is not the listed one (a false positive): the hit no longer stands in the way.</summary>
    Dismissed,
}

/// <summary>
/// The review of one hit: a party against one list entry. Numbered in the order hits were first found, so the
/// number is a stable id. A later screening that finds the same entry again keeps the review (a dismissed false
/// positive stays dismissed) and refreshes its evidence.
/// </summary>
public sealed record ScreeningReview(
    long Number,
    string PartyId,
    ScreenedHit Hit,
    string ListVersion,
    DateOnly FoundOn,
    ScreeningReviewStatus Status,
    string? Reason,
    DateOnly? DecidedOn);

/// <summary>An officer found that the party is the listed entry.</summary>
public sealed record ScreeningHitConfirmed(long Review, string PartyId, string EntryId, string Reason, DateOnly On) : LedgerEvent;

/// <summary>An officer found that the party is not the listed entry (a false positive).</summary>
public sealed record ScreeningHitDismissed(long Review, string PartyId, string EntryId, string Reason, DateOnly On) : LedgerEvent;

/// <summary>Confirm a screening hit: the party is the listed one. An approved party is suspended by it.</summary>
public sealed record ConfirmScreeningHit(long Review, string Reason, DateOnly On) : LedgerCommand;

/// <summary>Dismiss a screening hit as a false positive, with the reason.</summary>
public sealed record DismissScreeningHit(long Review, string Reason, DateOnly On) : LedgerCommand;

/// <summary>
/// The screening review queue: every hit a recorded screening found becomes a review that an officer confirms or
/// dismisses. A party whose last screening has any hit not dismissed cannot be approved.
/// </summary>
public static class ScreeningReviews
{
    /// <summary>The entry id given to a hit recorded without its entries (a bare "hit" with a detail text).</summary>
    public static string UnitemisedEntryId(string listVersion) => "unitemised@" + listVersion;

    /// <summary>The hits of a screening outcome; an outcome that only says "hit" gives one hit carrying its detail.</summary>
    public static ImmutableArray<ScreenedHit> HitsOf(ScreeningOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.Hit)
        {
            return [];
        }

        return outcome.Hits.IsDefaultOrEmpty
            ? [new ScreenedHit(UnitemisedEntryId(outcome.ListVersion), outcome.ListVersion, "", outcome.Detail, 1.0) { Notes = ["the screening was recorded without its entries"] }]
            : outcome.Hits;
    }

    /// <summary>The reviews of a party's last screening, in the order its hits were found.</summary>
    public static IReadOnlyList<ScreeningReview> OfLastScreening(LedgerState state, string partyId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Parties.TryGetValue(partyId, out var party) || party.LastScreening is not { } outcome)
        {
            return [];
        }

        return [.. HitsOf(outcome).Select(h => state.Reviews.TryGetValue(Key(partyId, h.EntryId), out var r) ? r : null).OfType<ScreeningReview>().OrderBy(r => r.Number)];
    }

    /// <summary>The hits of the party's last screening that stand in the way of approval: pending or confirmed.</summary>
    public static IReadOnlyList<ScreeningReview> Blocking(LedgerState state, string partyId) =>
        [.. OfLastScreening(state, partyId).Where(r => r.Status != ScreeningReviewStatus.Dismissed)];

    /// <summary>Every review still waiting for an officer: pending hits of each party's last screening, oldest first.</summary>
    public static IReadOnlyList<ScreeningReview> Queue(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. Current(state).Where(r => r.Status == ScreeningReviewStatus.Pending).OrderBy(r => r.Number)];
    }

    /// <summary>Every review of a hit found by a party's last screening (pending, confirmed or dismissed), oldest first.</summary>
    public static IReadOnlyList<ScreeningReview> Current(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Parties.Keys.SelectMany(id => OfLastScreening(state, id)).OrderBy(r => r.Number)];
    }

    /// <summary>Whether screening a party with this outcome leaves any hit not already dismissed.</summary>
    public static bool WouldBlock(LedgerState state, string partyId, ScreeningOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(state);
        return HitsOf(outcome).Any(h => !state.Reviews.TryGetValue(Key(partyId, h.EntryId), out var r) || r.Status != ScreeningReviewStatus.Dismissed);
    }

    /// <summary>The review with this number, if any.</summary>
    public static ScreeningReview? Find(LedgerState state, long number)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Reviews.Values.FirstOrDefault(r => r.Number == number);
    }

    internal static LedgerState Opened(LedgerState state, PartyScreened screened)
    {
        var reviews = state.Reviews;
        var next = reviews.Count;
        foreach (var hit in HitsOf(screened.Outcome))
        {
            var key = Key(screened.PartyId, hit.EntryId);
            reviews = reviews.TryGetValue(key, out var existing)
                ? reviews.SetItem(key, existing with { Hit = hit, ListVersion = screened.Outcome.ListVersion })
                : reviews.SetItem(key, new ScreeningReview(++next, screened.PartyId, hit, screened.Outcome.ListVersion, screened.On, ScreeningReviewStatus.Pending, null, null));
        }

        return state with { Reviews = reviews };
    }

    internal static LedgerState Decided(LedgerState state, string partyId, string entryId, ScreeningReviewStatus status, string reason, DateOnly on)
    {
        var key = Key(partyId, entryId);
        var after = state with { Reviews = state.Reviews.SetItem(key, state.Reviews[key] with { Status = status, Reason = reason, DecidedOn = on }) };

        // The last open hit of a suspended party dismissed: it is screened again, and may be approved anew.
        var party = after.Parties[partyId];
        return status == ScreeningReviewStatus.Dismissed && party.Status == PartyStatus.Suspended && Blocking(after, partyId).Count == 0
            ? after with { Parties = after.Parties.SetItem(partyId, party with { Status = PartyStatus.Screened }) }
            : after;
    }

    internal static List<LedgerEvent> Decide(LedgerState state, long number, string reason, DateOnly on, bool confirm, SourceLocation origin, List<Problem> problems)
    {
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new Problem(origin, "reason", "is required: say why the hit is " + (confirm ? "confirmed" : "dismissed")));
        }
        else if (reason.Length > TradeLedger.MaxTextLength)
        {
            problems.Add(new Problem(origin, "reason", $"is {reason.Length} characters long; at most {TradeLedger.MaxTextLength} are allowed"));
        }
        else if (reason.Any(char.IsControl))
        {
            problems.Add(new Problem(origin, "reason", $"contains a control character at position {reason.TakeWhile(ch => !char.IsControl(ch)).Count() + 1}"));
        }

        var review = Find(state, number);
        if (review is null)
        {
            problems.Add(new Problem(origin, "review", $"no screening review has the number {number}"));
        }

        if (problems.Count > before)
        {
            return [];
        }

        var wanted = confirm ? ScreeningReviewStatus.Confirmed : ScreeningReviewStatus.Dismissed;
        if (review!.Status == wanted && review.Reason == reason)
        {
            return [];
        }

        if (review.Status != ScreeningReviewStatus.Pending)
        {
            problems.Add(new Problem(origin, "review", $"review {number} ({review.PartyId} against {review.Hit.EntryId}) was already {review.Status.ToString().ToLowerInvariant()} on {review.DecidedOn:yyyy-MM-dd}: {review.Reason}"));
            return [];
        }

        if (!OfLastScreening(state, review.PartyId).Any(r => r.Number == number))
        {
            problems.Add(new Problem(origin, "review", $"review {number} is of an earlier screening of '{review.PartyId}'; its last screening did not find {review.Hit.EntryId}"));
            return [];
        }

        var party = state.Parties[review.PartyId];
        if (!confirm)
        {
            return [new ScreeningHitDismissed(number, review.PartyId, review.Hit.EntryId, reason, on)];
        }

        List<LedgerEvent> events = [new ScreeningHitConfirmed(number, review.PartyId, review.Hit.EntryId, reason, on)];
        if (party.Status == PartyStatus.Approved)
        {
            events.Add(new PartySuspended(review.PartyId, $"screening hit {review.Hit.EntryId} ({review.Hit.Source}) confirmed: {reason}", on));
        }

        return events;
    }

    internal static string Key(string partyId, string entryId) => partyId + "\u001f" + entryId;
}
