using Clearance.Core.Ledger;
using static Clearance.Core.Tests.Ledger.LedgerScenario;

namespace Clearance.Core.Tests.Ledger;

public sealed class TradeLedgerTests
{
    [Fact]
    public void Ship_H200ToByteDance_DepletesLicencePoolAndCapOnce()
    {
        var state = WithUsVolume(10_000);

        var first = TradeLedger.Decide(state, ToChina("s-1", 1_000));
        var replay = TradeLedger.Decide(first.State, ToChina("s-1", 1_000));

        Assert.True(first.Succeeded);
        Assert.Equal(1_000, first.State.Licences[LicenceNumber].UsedUnits);
        Assert.Equal(1_000, first.State.QuotaPools[PoolId].UsedUnits);
        Assert.Equal(1_000, first.State.VolumeCaps[CapId].UsedUnits);
        Assert.True(replay.Succeeded);
        Assert.Empty(replay.Events);
        Assert.Equal(1, replay.AlreadyRecorded);
        Assert.Same(first.State.Licences[LicenceNumber], replay.State.Licences[LicenceNumber]);
    }

    [Fact]
    public void Ship_ReusedKeyWithOtherContent_IsRefused()
    {
        var state = TradeLedger.Decide(WithUsVolume(10_000), ToChina("s-1", 1_000)).State;

        var outcome = TradeLedger.Decide(state, ToChina("s-1", 999));

        Assert.False(outcome.Succeeded);
        Assert.Contains("already used for another shipment", outcome.Problems[0].Message, StringComparison.Ordinal);
    }

    // Table: each row a rule from regulatory-facts.md and the field the refusal names.
    [Theory]
    [InlineData(1_001, "bytedance", "units")] // licence of 1,000 units: nothing beyond what is authorised
    [InlineData(10, "other-cn", "end_user")] // the pool is shared by ByteDance, Alibaba and Tencent only [65][66]
    public void Ship_BeyondLicenceOrOutsidePool_IsRefusedNamingTheField(long units, string endUser, string field)
    {
        var state = WithUsVolume(10_000, licenceUnits: 1_000);

        var outcome = TradeLedger.Decide(state, ToChina("s-1", units, endUser));

        Assert.Contains(field, Fields(outcome));
        Assert.Same(state, outcome.State);
    }

    [Fact]
    public void Ship_ChinaBeyondHalfOfUsVolume_IsRefusedByTheCap()
    {
        // 91 FR 1684: China + Macau at most 50% of the units shipped for US end use.
        var state = WithUsVolume(2_000);

        var atLimit = TradeLedger.Decide(state, ToChina("s-1", 1_000));
        var beyond = TradeLedger.Decide(atLimit.State, ToChina("s-2", 1));

        Assert.True(atLimit.Succeeded);
        Assert.False(beyond.Succeeded);
        Assert.Contains("h200-cn-mo-50pct", beyond.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ship_PoolOf400000_IsSharedWithoutPerBuyerSplit()
    {
        var state = WithUsVolume(1_000_000, licenceUnits: 500_000);

        var outcome = TradeLedger.Decide(state, ToChina("a", 300_000, "bytedance"), ToChina("b", 100_000, "tencent"));
        var over = TradeLedger.Decide(outcome.State, ToChina("c", 1, "alibaba"));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));
        Assert.Equal(0, outcome.State.QuotaPools[PoolId].AvailableUnits);
        Assert.Contains("cn-2026-h200", over.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_WithOneBadShipment_AppliesNothing()
    {
        var state = WithUsVolume(10_000);

        var outcome = TradeLedger.Decide(state, ToChina("good", 10), ToChina("bad", -5), ToChina("good-2", 10));

        Assert.False(outcome.Succeeded);
        Assert.Empty(outcome.Events);
        Assert.Same(state, outcome.State);
        Assert.All(outcome.Problems, p => Assert.Contains(p.Field, new[] { "units", "value_usd" }));
    }

    [Fact]
    public void Rescreening_WithHit_SuspendsApprovalAndBlocksShipments()
    {
        var state = WithUsVolume(10_000);

        var screened = TradeLedger.Decide(state, new RecordScreening("bytedance", new ScreeningOutcome(true, "entity-list-2026-06", "Entity List match"), Day));
        var ship = TradeLedger.Decide(screened.State, ToChina("s-1", 10));

        Assert.Contains(screened.Events, e => e is PartySuspended);
        Assert.Equal(PartyStatus.Suspended, screened.State.Parties["bytedance"].Status);
        Assert.Contains("suspended", ship.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approve_PartyWhoseScreeningHit_IsRefused()
    {
        var requested = TradeLedger.Decide(LedgerState.Empty,
            new RequestParty("p", "P", [PartyRole.EndUser], "CN", "CN", "cloud", "training", Day),
            new RecordScreening("p", new ScreeningOutcome(true, "sdn-2026", "name match"), Day)).State;

        var outcome = TradeLedger.Decide(requested, new ApproveParty("p", "ok", Day, Day.AddDays(30)));

        Assert.False(outcome.Succeeded);
        Assert.Contains("found a hit", outcome.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ship_AfterApprovalExpired_IsRefused()
    {
        var state = WithUsVolume(10_000);

        var outcome = TradeLedger.Decide(state, ToChina("late", 10, date: new DateOnly(2027, 1, 5)));

        Assert.Contains(outcome.Problems, p => p.Message.Contains("expired on 2026-12-31", StringComparison.Ordinal));
    }

    [Fact]
    public void Reserve_ThenRecord_MovesReservedToUsedExactlyOnce()
    {
        var state = WithUsVolume(10_000);

        var reserved = TradeLedger.Decide(state, ToChina("s-1", 100, shipNow: false));
        var recorded = TradeLedger.Decide(reserved.State, new RecordShipment("s-1", Day), new RecordShipment("s-1", Day));

        Assert.Equal(100, reserved.State.Licences[LicenceNumber].ReservedUnits);
        Assert.Equal(0, recorded.State.Licences[LicenceNumber].ReservedUnits);
        Assert.Equal(100, recorded.State.Licences[LicenceNumber].UsedUnits);
        Assert.Equal(1, recorded.AlreadyRecorded);
    }

    [Fact]
    public void LevyStatement_2026Q1_SumsTheQuarterAndNetsReversals()
    {
        // Proclamation 11002: 25% ad valorem from 2026-01-15; 100 units at $30,000 = $3,000,000 → $750,000.
        var state = WithUsVolume(10_000);
        var shipped = TradeLedger.Decide(state, ToChina("s-1", 100), ToChina("s-2", 40)).State;

        var reversed = TradeLedger.Decide(shipped, new ReverseShipment("s-2", "goods returned before entry", new DateOnly(2026, 3, 1)));
        var q1 = RemittanceStatement.For(RemittancePeriod.Parse("2026-Q1")!.Value, reversed.State.Levies);

        Assert.True(reversed.Succeeded);
        Assert.Equal(750_000m, q1.TotalUsd);
        Assert.Equal(3, q1.Lines.Single().Entries);
        Assert.Equal(100, reversed.State.Licences[LicenceNumber].UsedUnits);
    }

    [Fact]
    public void Decision_RecordedTwiceWithOtherVerdict_IsRefusedAsImmutable()
    {
        var state = Opened();

        var outcome = TradeLedger.Decide(state, new RecordDecision(new OrderDecision(Order, "allowed", Day, [], [])));

        Assert.Contains("immutable", outcome.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x'); DROP TABLE parties;--", "party")]
    [InlineData("", "party")]
    [InlineData("a\u0000b", "party")]
    public void RequestParty_WithHostileId_IsRefused(string id, string field)
    {
        var outcome = TradeLedger.Decide(LedgerState.Empty, new RequestParty(id, "Name", [PartyRole.Customer], "CN", "CN", "s", "e", Day));

        Assert.Equal(field, outcome.Problems.First().Field);
        Assert.Empty(outcome.State.Parties);
    }

    [Fact]
    public void RequestParty_NameWithQuotes_IsKeptVerbatim()
    {
        const string name = "O'Brien \"Compute\"; DROP TABLE parties;--";

        var outcome = TradeLedger.Decide(LedgerState.Empty, new RequestParty("obrien", name, [PartyRole.Customer], "IE", "IE", "cloud", "inference", Day));

        Assert.Equal(name, outcome.State.Parties["obrien"].Request.Name);
    }

    [Theory]
    [InlineData("2026-Q1", 2026, 1)]
    [InlineData("2026-q4", 2026, 4)]
    public void RemittancePeriod_Parses(string text, int year, int quarter) =>
        Assert.Equal(new RemittancePeriod(year, quarter), RemittancePeriod.Parse(text));

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026Q1")]
    [InlineData("Q1-2026")]
    public void RemittancePeriod_RejectsMalformed(string text) => Assert.Null(RemittancePeriod.Parse(text));
}
