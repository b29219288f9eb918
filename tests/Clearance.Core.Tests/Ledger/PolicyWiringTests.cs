using Clearance.Core.Ledger;
using Clearance.Core.Policy;
using Clearance.Core.Screening;
using Clearance.Core.Tests.Policy;
using ScreenedParty = Clearance.Core.Screening.Party;

namespace Clearance.Core.Tests.Ledger;

/// <summary>
/// The ledger records real policy decisions and real screening results: verdicts, pack versions and obligations come
/// from <see cref="PolicyEvaluator"/>, hits from <see cref="ScreeningIndex"/>, and the levies a shipment accrues are
/// the rates of the decision's obligations. Orders and figures as in RegulatoryScenarioTests (regulatory-facts.md).
/// </summary>
public sealed class PolicyWiringTests
{
    private static readonly DateOnly Day = new(2026, 2, 1);

    /// <summary>H200 from the US to ByteDance after 2026-01-28, entered in the US: case-by-case licence, 25% Section 232 duty ([28][29][36][65]).</summary>
    private static Order H200ToByteDance(string id = "so-h200", int quantity = 8) =>
        Orders.Make("nvidia-h200-sxm", "CN", "2026-02-01", parent: "ByteDance", usEntry: true, quantity: quantity) with { Id = id };

    /// <summary>H20 to China under the August 2025 arrangement: licence on approval, 15% levy to the US Government ([24][13]).</summary>
    private static Order H20ToChina(string id = "so-h20") => Orders.Make("nvidia-h20", "CN", "2025-09-01") with { Id = id };

    [Fact]
    public void OrderDecisionFrom_KeepsTheEnginesVerdictsPackVersionsAndObligations()
    {
        var decision = PolicyEvaluator.Evaluate(H200ToByteDance(), Day, Policy.ShippedData.Library);

        var recorded = OrderDecision.From(decision);

        Assert.Equal(decision.Verdict.Key(), recorded.Verdict);
        Assert.Equal("licence-required/case-by-case", recorded.Verdict);
        Assert.Equal(decision.Jurisdictions.Select(j => (j.Jurisdiction, j.Verdict.Key())), recorded.Jurisdictions.Select(j => (j.Jurisdiction, j.Verdict)));
        Assert.Equal(decision.Packs.Select(p => (p.Id, p.Version, p.Sha256)), recorded.Packs.Select(p => (p.Pack, p.Version, p.Sha256!)));
        Assert.Equal(decision.Obligations.Length, recorded.Obligations.Length);
        var duty = Assert.Single(recorded.Levies);
        Assert.Equal((LevyKind.Duty, 25m), (duty.Kind, duty.RatePercent));
        Assert.StartsWith("us-section-232@", duty.Source, StringComparison.Ordinal);
        Assert.Contains(recorded.Obligations, o => o.Kind == "duty" && o.Amount == 60_000.00m && o.RatePercent == 25m);
        Assert.Equal(("nvidia-h200-sxm", "CN"), (recorded.Product, recorded.Destination));
    }

    [Fact]
    public void Evaluate_GivesTheCommandThatRecordsExactlyTheEnginesDecision()
    {
        var evaluated = OrderEvaluation.Evaluate(H20ToChina(), new DateOnly(2025, 9, 1), Policy.ShippedData.Library);

        Assert.True(evaluated.Succeeded);
        var (decision, command) = (evaluated.Value.Decision, evaluated.Value.Command);
        Assert.True(OrderDecision.From(decision).SameAs(command.Decision));
        var levy = Assert.Single(command.Decision.Levies);
        Assert.Equal((LevyKind.Levy, 15m, "US Government"), (levy.Kind, levy.RatePercent, levy.Payee));
    }

    [Fact]
    public void Evaluate_AProductNotInTheCatalog_IsAProblemNamingTheProduct()
    {
        var evaluated = OrderEvaluation.Evaluate(H20ToChina() with { Product = "nvidia-h2o" }, Day, Policy.ShippedData.Library);

        var problem = Assert.Single(evaluated.Problems);
        Assert.Equal("product", problem.Field);
        Assert.Contains("nvidia-h2o", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("so-h200", 25)]
    [InlineData("so-h20", 15)]
    public void Shipment_AccruesTheRateOfTheDecisionsObligation(string orderId, int expectedRate)
    {
        var order = orderId == "so-h200" ? H200ToByteDance() : H20ToChina();
        var evaluation = OrderEvaluation.Evaluate(order, order.OrderDate, Policy.ShippedData.Library).Value;
        var state = Opened(order.Product, evaluation.Command);
        var value = order.Quantity * order.UnitValue;

        var outcome = TradeLedger.Decide(state, Ship("k-1", orderId, order.Product, order.Quantity, value, order.OrderDate));

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems));
        var accrued = Assert.Single(outcome.Events.OfType<LevyAccrued>());
        var obligation = Assert.Single(evaluation.Decision.Obligations, o => o.Obligation.Kind is ObligationKind.Levy or ObligationKind.Duty);
        Assert.Equal(expectedRate, accrued.RatePercent);
        Assert.Equal(obligation.Obligation.RatePercent, accrued.RatePercent);
        Assert.Equal(obligation.Amount, accrued.AmountUsd);
    }

    [Fact]
    public void Shipment_OfAnotherProductOrDestinationThanDecided_IsRefused()
    {
        var evaluation = OrderEvaluation.Evaluate(H200ToByteDance(), Day, Policy.ShippedData.Library).Value;
        var state = Opened("nvidia-h200-sxm", evaluation.Command, extraProduct: "nvidia-b200");

        var otherProduct = TradeLedger.Decide(state, Ship("k-1", "so-h200", "nvidia-b200", 1, 30_000m, Day));
        var otherDestination = TradeLedger.Decide(state, Ship("k-2", "so-h200", "nvidia-h200-sxm", 1, 30_000m, Day, destination: "MO"));

        Assert.Contains(otherProduct.Problems, p => p.Field == "product" && p.Message.Contains("decided for 'nvidia-h200-sxm'", StringComparison.Ordinal));
        Assert.Contains(otherDestination.Problems, p => p.Field == "destination");
        Assert.Empty(otherProduct.Events);
    }

    [Fact]
    public void RecordingTheSameEvaluationTwice_ChangesNothing_AndADifferentDecisionIsRefused()
    {
        var first = OrderEvaluation.Evaluate(H200ToByteDance(), Day, Policy.ShippedData.Library).Value.Command;
        var state = Opened("nvidia-h200-sxm", first);
        var again = OrderEvaluation.Evaluate(H200ToByteDance(), Day, Policy.ShippedData.Library).Value.Command;
        var otherDate = OrderEvaluation.Evaluate(H200ToByteDance(), new DateOnly(2026, 1, 10), Policy.ShippedData.Library).Value.Command;

        var repeat = TradeLedger.Decide(state, again);
        var changed = TradeLedger.Decide(state, otherDate);

        Assert.True(repeat.Succeeded);
        Assert.Equal(1, repeat.AlreadyRecorded);
        Assert.Contains(changed.Problems, p => p.Field == "order" && p.Message.Contains("immutable", StringComparison.Ordinal));
    }

    [Fact]
    public void ScreeningOutcomeFrom_AHit_KeepsTheListSetVersionEntryIdsAndScores()
    {
        var lists = ListSet.Create([Entry("306", "BANCO NACIONAL DE CUBA"), Entry("4001", "NORTHERN STAR SHIPPING")], []);
        var result = ScreeningIndex.Build(lists).Screen(new ScreenedParty("Banco Nacional de Cuba"));

        var outcome = ScreeningOutcome.From(result);

        Assert.True(outcome.Hit);
        Assert.Equal(lists.Version, outcome.ListVersion);
        Assert.Equal(result.Options, outcome.Options);
        var hit = Assert.Single(outcome.Hits);
        Assert.Equal(("306", "SDN", result.Hits[0].Score), (hit.EntryId, hit.Source, hit.Score));
        Assert.Contains("BANCO NACIONAL DE CUBA", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RescreeningAnApprovedParty_WithARealHit_SuspendsIt()
    {
        var state = Opened("nvidia-h200-sxm");
        var lists = ListSet.Create([Entry("9001", "BYTEDANCE LTD")], []);
        var result = ScreeningIndex.Build(lists).Screen(new ScreenedParty("bytedance Ltd."));

        var outcome = TradeLedger.Decide(state, new RecordScreening("bytedance", ScreeningOutcome.From(result), Day));

        Assert.True(result.IsHit);
        Assert.Equal(PartyStatus.Suspended, outcome.State.Parties["bytedance"].Status);
        Assert.Contains(lists.Version, outcome.State.Parties["bytedance"].Reason, StringComparison.Ordinal);
        Assert.Equal("9001", Assert.Single(outcome.State.Parties["bytedance"].LastScreening!.Hits).EntryId);
    }

    [Fact]
    public void ScreeningOutcomeFrom_NoHit_IsClearAndNamesTheListSetVersion()
    {
        var lists = ListSet.Create([Entry("306", "BANCO NACIONAL DE CUBA")], []);
        var result = ScreeningIndex.Build(lists).Screen(new ScreenedParty("Example Cloud Ltd"));

        var outcome = ScreeningOutcome.From(result);

        Assert.False(outcome.Hit);
        Assert.Empty(outcome.Hits);
        Assert.Equal(lists.Version, outcome.ListVersion);
    }

    private static ListEntry Entry(string id, string name) => new()
    {
        EntryId = id,
        Source = "SDN",
        ListVersion = "sdn-test",
        Type = PartyType.Entity,
        PrimaryName = name,
    };

    private static ReserveShipment Ship(string key, string order, string product, long units, decimal value, DateOnly date, string destination = "CN") =>
        new(new ShipmentPlan(key, order, "bytedance", "bytedance", destination, product, units, value, "BIS-0001", date), true);

    /// <summary>An approved ByteDance, a licence covering the product, and the given decisions.</summary>
    private static LedgerState Opened(string product, RecordDecision? decision = null, string? extraProduct = null)
    {
        var since = new DateOnly(2025, 1, 1);
        List<LedgerCommand> setup =
        [
            new RequestParty("bytedance", "bytedance Ltd.", [PartyRole.Customer, PartyRole.EndUser], "CN", "CN", "internet", "training", since),
            new RecordScreening("bytedance", new ScreeningOutcome(false, "csl-2026-01-30", ""), since),
            new ApproveParty("bytedance", "KYC complete", since, new DateOnly(2026, 12, 31)),
            new GrantLicence(new LicenceGranted("BIS-0001", "US-BIS", [], [product, .. extraProduct is null ? Array.Empty<string>() : [extraProduct]], 1_000, 100_000_000m, since, new DateOnly(2026, 12, 31), [])),
        ];
        if (decision is not null)
        {
            setup.Add(decision);
        }

        var outcome = TradeLedger.Decide(LedgerState.Empty, setup);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems));
        return outcome.State;
    }
}
