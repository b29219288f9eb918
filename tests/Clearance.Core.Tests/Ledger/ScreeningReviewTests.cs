using Clearance.Core.Ledger;
using static Clearance.Core.Tests.Ledger.LedgerScenario;

namespace Clearance.Core.Tests.Ledger;

public sealed class ScreeningReviewTests
{
    private static readonly ScreenedHit Sdn = new("ofac-sdn:1001", "OFAC SDN", "Example Trading Co", "Example Trading Company", 0.91)
    {
        Tokens = [new RecordedTokenEvidence("example", "example", 1.0, 1.0, "distinctive"), new RecordedTokenEvidence("trading", "trading", 1.0, 0.4, "common")],
        Notes = ["legal form 'co' set aside"],
    };

    private static readonly ScreenedHit Entity = Sdn with { EntryId = "bis-el:77", Source = "BIS Entity List", Score = 0.82 };

    private static ScreeningOutcome HitOutcome(params ScreenedHit[] hits) => new(true, "lists-abc123", "name match") { Hits = [.. hits] };

    private static LedgerState Screened(params ScreenedHit[] hits)
    {
        var outcome = TradeLedger.Decide(LedgerState.Empty,
            new RequestParty("p", "Example Trading Co", [PartyRole.Customer], "CN", "CN", "trade", "resale", Day),
            new RecordScreening("p", HitOutcome(hits), Day));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));
        return outcome.State;
    }

    [Fact]
    public void ScreeningWithTwoHits_OpensTwoNumberedPendingReviews()
    {
        var state = Screened(Sdn, Entity);

        var queue = ScreeningReviews.Queue(state);

        Assert.Equal([1L, 2L], queue.Select(r => r.Number));
        Assert.All(queue, r => Assert.Equal(ScreeningReviewStatus.Pending, r.Status));
        Assert.Equal("Example Trading Company", queue[0].Hit.MatchedName);
        Assert.Equal(2, queue[0].Hit.Tokens.Length);
    }

    [Fact]
    public void Approve_WhileAHitIsPending_IsRefusedNamingTheReview()
    {
        var state = Screened(Sdn);

        var outcome = TradeLedger.Decide(state, new ApproveParty("p", "KYC complete", Day, Day.AddDays(90)));

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("party", problem.Field);
        Assert.Contains("review 1: ofac-sdn:1001, pending", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DismissingEveryHit_ClearsTheWayForApproval()
    {
        var state = Screened(Sdn, Entity);

        var first = TradeLedger.Decide(state, new DismissScreeningHit(1, "different address and no common owner", Day));
        var tooEarly = TradeLedger.Decide(first.State, new ApproveParty("p", "KYC complete", Day, Day.AddDays(90)));
        var second = TradeLedger.Decide(first.State, new DismissScreeningHit(2, "registry number differs", Day));
        var approved = TradeLedger.Decide(second.State, new ApproveParty("p", "KYC complete", Day, Day.AddDays(90)));

        Assert.IsType<ScreeningHitDismissed>(Assert.Single(first.Events));
        Assert.False(tooEarly.Succeeded);
        Assert.True(approved.Succeeded, string.Join("; ", approved.Problems));
        Assert.Equal(PartyStatus.Approved, approved.State.Parties["p"].Status);
        Assert.Empty(ScreeningReviews.Queue(approved.State));
    }

    [Fact]
    public void ConfirmingAHit_KeepsApprovalBlocked()
    {
        var state = TradeLedger.Decide(Screened(Sdn), new ConfirmScreeningHit(1, "same registry number as the listed entity", Day)).State;

        var approve = TradeLedger.Decide(state, new ApproveParty("p", "KYC complete", Day, Day.AddDays(90)));

        Assert.Equal(ScreeningReviewStatus.Confirmed, ScreeningReviews.Find(state, 1)!.Status);
        Assert.Contains("confirmed", approve.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfirmingAHitOnAnApprovedParty_SuspendsIt()
    {
        var approved = TradeLedger.Decide(Opened(), new RecordScreening("bytedance", HitOutcome(Sdn), Day));
        Assert.Equal(PartyStatus.Suspended, approved.State.Parties["bytedance"].Status);
        var dismissed = TradeLedger.Decide(approved.State, new DismissScreeningHit(1, "false positive", Day));
        var reapproved = TradeLedger.Decide(dismissed.State, new ApproveParty("bytedance", "reviewed", Day, new DateOnly(2026, 12, 31)));
        var rescreened = TradeLedger.Decide(reapproved.State, new RecordScreening("bytedance", HitOutcome(Sdn, Entity), Day.AddDays(1)));

        var confirmed = TradeLedger.Decide(rescreened.State, new ConfirmScreeningHit(2, "same address", Day.AddDays(1)));

        Assert.Equal(PartyStatus.Screened, dismissed.State.Parties["bytedance"].Status);
        Assert.True(reapproved.Succeeded, string.Join("; ", reapproved.Problems));
        Assert.Contains(rescreened.Events, e => e is PartySuspended);
        Assert.Equal([2L], ScreeningReviews.Queue(rescreened.State).Select(r => r.Number));
        Assert.Contains(confirmed.Events, e => e is ScreeningHitConfirmed { Review: 2, EntryId: "bis-el:77" });
        Assert.Equal(PartyStatus.Suspended, confirmed.State.Parties["bytedance"].Status);
    }

    [Fact]
    public void RescreeningWithOnlyDismissedHits_DoesNotSuspendAnApprovedParty()
    {
        var state = TradeLedger.Decide(Screened(Sdn),
            new DismissScreeningHit(1, "false positive", Day),
            new ApproveParty("p", "KYC complete", Day, Day.AddDays(90))).State;

        var rescreened = TradeLedger.Decide(state, new RecordScreening("p", HitOutcome(Sdn), Day.AddDays(7)));

        Assert.True(rescreened.Succeeded);
        Assert.DoesNotContain(rescreened.Events, e => e is PartySuspended);
        Assert.Equal(PartyStatus.Approved, rescreened.State.Parties["p"].Status);
    }

    [Theory]
    [InlineData(1, "", "reason")]
    [InlineData(1, "   ", "reason")]
    [InlineData(1, "line\nbreak", "reason")]
    [InlineData(9, "false positive", "review")]
    public void Dismiss_WithBadInput_IsRefusedNamingTheField(long review, string reason, string field)
    {
        var state = Screened(Sdn);

        var outcome = TradeLedger.Decide(state, new DismissScreeningHit(review, reason, Day));

        Assert.Equal(field, outcome.Problems.Single().Field);
        Assert.Same(state, outcome.State);
    }

    [Fact]
    public void Dismiss_AnAlreadyConfirmedHit_IsRefusedAndTheSameDismissalTwiceIsANoOp()
    {
        var confirmed = TradeLedger.Decide(Screened(Sdn), new ConfirmScreeningHit(1, "same registry number", Day)).State;
        var dismissed = TradeLedger.Decide(Screened(Sdn), new DismissScreeningHit(1, "false positive", Day)).State;

        var flip = TradeLedger.Decide(confirmed, new DismissScreeningHit(1, "changed my mind", Day));
        var again = TradeLedger.Decide(dismissed, new DismissScreeningHit(1, "false positive", Day));

        Assert.Contains("already confirmed", flip.Problems.Single().Message, StringComparison.Ordinal);
        Assert.True(again.Succeeded);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void HitRecordedWithoutEntries_IsReviewedAsOneUnitemisedHit()
    {
        var state = TradeLedger.Decide(LedgerState.Empty,
            new RequestParty("p", "P", [PartyRole.EndUser], "CN", "CN", "cloud", "training", Day),
            new RecordScreening("p", new ScreeningOutcome(true, "sdn-2026", "name match on SDN"), Day)).State;

        var review = Assert.Single(ScreeningReviews.Queue(state));

        Assert.Equal("unitemised@sdn-2026", review.Hit.EntryId);
        Assert.Equal("name match on SDN", review.Hit.MatchedName);
    }

    [Fact]
    public void CleanRescreening_TakesEarlierHitsOutOfTheQueue()
    {
        var state = Screened(Sdn);

        var clean = TradeLedger.Decide(state, new RecordScreening("p", new ScreeningOutcome(false, "lists-def456", ""), Day.AddDays(1))).State;
        var late = TradeLedger.Decide(clean, new DismissScreeningHit(1, "false positive", Day.AddDays(1)));

        Assert.Empty(ScreeningReviews.Queue(clean));
        Assert.Contains("earlier screening", late.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayingTheEvents_GivesTheSameReviews()
    {
        var outcome = TradeLedger.Decide(LedgerState.Empty,
            new RequestParty("p", "P", [PartyRole.EndUser], "CN", "CN", "cloud", "training", Day),
            new RecordScreening("p", HitOutcome(Sdn, Entity), Day),
            new ConfirmScreeningHit(2, "same address", Day),
            new DismissScreeningHit(1, "other country", Day));

        var replayed = LedgerState.Empty.ApplyAll(outcome.Events);

        Assert.Equal(
            outcome.State.Reviews.Values.OrderBy(r => r.Number).Select(r => (r.Number, r.Status, r.Reason)),
            replayed.Reviews.Values.OrderBy(r => r.Number).Select(r => (r.Number, r.Status, r.Reason)));
        Assert.Equal([1L, 2L], replayed.Reviews.Values.Select(r => r.Number).Order());
    }

    [Fact]
    public void OutcomeOfARealScreening_KeepsEachTokensEvidenceForTheReview()
    {
        var hit = new Clearance.Core.Screening.ScreeningHit
        {
            EntryId = "ofac-sdn:1001", Source = "OFAC SDN", Type = Clearance.Core.Screening.PartyType.Entity, ListedName = "EXAMPLE TRADING CO",
            MatchedName = "Example Trading Company", Score = 0.91, NameScore = 0.9,
            Tokens = [new Clearance.Core.Screening.TokenEvidence("example", "example", 1.0, 1.0, "distinctive")], Notes = ["country agrees"],
        };
        var result = new Clearance.Core.Screening.ScreeningResult(new Clearance.Core.Screening.Party("Example Trading Co"), "lists-abc123", "threshold=0.75", [hit]);

        var outcome = ScreeningOutcome.From(result);
        var state = TradeLedger.Decide(LedgerState.Empty,
            new RequestParty("p", "Example Trading Co", [PartyRole.Customer], "CN", "CN", "trade", "resale", Day),
            new RecordScreening("p", outcome, Day)).State;

        var review = Assert.Single(ScreeningReviews.Queue(state));
        Assert.Equal(new RecordedTokenEvidence("example", "example", 1.0, 1.0, "distinctive"), Assert.Single(review.Hit.Tokens));
        Assert.Equal("country agrees", Assert.Single(review.Hit.Notes));
    }
}
