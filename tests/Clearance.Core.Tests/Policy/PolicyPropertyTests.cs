using System.Collections.Immutable;
using Clearance.Core.Catalog;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;
using CsCheck;

namespace Clearance.Core.Tests.Policy;

/// <summary>Invariants of evaluation over random orders and dates under the shipped packs.</summary>
public class PolicyPropertyTests
{
    private static readonly DateOnly First = new(2022, 9, 1);

    private static readonly string[] Countries = ["CN", "MO", "HK", "US", "DE", "JP", "SG", "MY", "AE", "SA", "VN", "RU", "TW", "IN"];

    private static readonly string[] Sectors = ["cloud", "internet", "research", "government", "military", "telecom", "national-security"];

    private static readonly string[] EndUses = ["datacenter", "training", "inference", "research", "military", "repair", "consumer", "government"];

    private static readonly string[] Parents = ["ByteDance", "Alibaba", "Tencent", "Baidu", "Example Inc"];

    private static readonly string[] Hits = ["entity-list", "meu", "sdn"];

    private static readonly string[] HtsCodes = ["8471.80", "8471.50", "8473.30", "8542.31", "8471.41"];

    public static readonly Gen<DateOnly> Dates = Gen.Int[0, 1700].Select(d => First.AddDays(d));

    public static readonly Gen<Order> Orders = Gen.Select(
        Gen.OneOf<string>([.. ShippedData.Library.Catalog.Accelerators.Select(a => a.Id)]),
        Gen.OneOf<string>(Countries),
        Gen.OneOf<string>(Countries),
        Gen.OneOf<string>(Countries),
        Gen.OneOf<string>(Parents),
        Gen.OneOf<string>(Sectors),
        Gen.OneOf<string>(EndUses),
        Dates,
        Gen.Bool.Array[4],
        Gen.Int[0, 100],
        Gen.OneOf<string>(Hits).Array[0, 2],
        Gen.OneOf<string>(HtsCodes),
        Gen.Int[1, 5000],
        Gen.Int[1, 60000],
        (product, destination, origin, hq, parent, sector, endUse, date, flags, completion, hits, hts, quantity, unitValue) =>
        {
            return new Order
            {
                Id = "P-1",
                OrderDate = date,
                Product = product,
                Quantity = quantity,
                UnitValue = unitValue,
                Destination = destination,
                ExportOrigin = origin,
                UsEntry = flags[0],
                HtsCode = hts,
                Customer = new Party("Customer", destination, hq, parent, hq),
                EndUser = new Party("End user", destination),
                Sector = sector,
                EndUse = endUse,
                StateOwned = flags[1],
                CriticalInfrastructure = flags[2],
                StateFundedProject = flags[3],
                ProjectCompletionPercent = completion,
                DomesticSharePercent = completion,
                ListHits = [.. hits],
            };
        });

    private static PolicyLibrary Library => ShippedData.Library;

    [Fact]
    public void Evaluate_IsDeterministic_AndAgreesWithTheFastPath()
    {
        Gen.Select(Orders, Dates).Sample((order, asOf) =>
        {
            var first = PolicyEvaluator.Evaluate(order, asOf, Library);
            var second = PolicyEvaluator.Evaluate(order with { }, asOf, Library);
            var statuses = new RuleStatus[Library.Rules.Length];
            var byJurisdiction = new Verdict[Library.Jurisdictions.Length];
            var fast = Library.Decide(order, asOf, statuses, byJurisdiction);

            return first.Verdict == second.Verdict
                && first.Verdict == fast
                && first.Rules.Select(r => r.Status).SequenceEqual(statuses)
                && first.Rules.Select(r => r.Reason).SequenceEqual(second.Rules.Select(r => r.Reason))
                && first.Jurisdictions.Select(j => j.Verdict).SequenceEqual(byJurisdiction.ToArray())
                && first.Obligations.Select(o => o.Summary).SequenceEqual(second.Obligations.Select(o => o.Summary));
        }, iter: 2000);
    }

    [Fact]
    public void Decide_WithEachChipPlannedPerPeriod_GivesTheStatusesOfEvaluatingEveryRuleOnItsOwn()
    {
        Gen.Select(Orders, Dates).Sample((order, asOf) =>
        {
            var statuses = new RuleStatus[Library.Rules.Length];
            var byJurisdiction = new Verdict[Library.Jurisdictions.Length];
            var verdict = Library.Decide(order, asOf, statuses, byJurisdiction);
            var facts = new OrderFacts(order, Library.Profile(order.Product, asOf)!, asOf);
            var expected = new RuleStatus[statuses.Length];
            for (var i = 0; i < expected.Length; i++)
            {
                var (pack, rule) = Library.Rules[i];
                expected[i] = !rule.IsInForce(asOf) ? RuleStatus.NotInForce
                    : pack.Scope?.EvaluateByNodes(facts) is false ? RuleStatus.OutOfScope
                    : rule.When.EvaluateByNodes(facts) switch { true => RuleStatus.Fired, false => RuleStatus.NotFired, null => RuleStatus.Undetermined };
            }

            var expectedVerdict = Verdict.Allowed;
            for (var i = 0; i < expected.Length; i++)
            {
                var (pack, rule) = Library.Rules[i];
                if (expected[i] is RuleStatus.Fired or RuleStatus.Undetermined
                    && rule.Unless.Any(id => expected[Library.Rules.IndexOf((pack, pack.Rules.Single(r => r.Id == id)))] == RuleStatus.Fired))
                {
                    expected[i] = RuleStatus.Superseded;
                }

                expectedVerdict = Verdicts.MostRestrictive(expectedVerdict, PolicyLibrary.Contribution(expected[i], rule.Verdict));
            }

            return statuses.SequenceEqual(expected) && verdict == expectedVerdict;
        }, iter: 3000);
    }

    [Fact]
    public void Evaluate_EachShippedConditionCompiledWhole_AgreesWithItsPerNodeDelegates()
    {
        Gen.Select(Orders, Dates).Sample((order, asOf) =>
        {
            var facts = new OrderFacts(order, Library.Profile(order.Product, asOf)!, asOf);
            var chipOnly = OrderFacts.ForChipOnly(facts.Chip);
            return Library.Packs.SelectMany(p => p.Rules.Select(r => r.When).Append(p.Scope)).OfType<Clearance.Core.Expressions.Condition<OrderFacts>>()
                .All(c => c.Evaluate(facts) == c.EvaluateByNodes(facts) && c.Evaluate(chipOnly) == c.EvaluateByNodes(chipOnly));
        }, iter: 2000);
    }

    [Fact]
    public void Decide_SkippingConditionsFalseForTheChip_GivesTheStatusesOfEvaluatingEveryCondition()
    {
        Gen.Select(Orders, Dates).Sample((order, asOf) =>
        {
            var statuses = new RuleStatus[Library.Rules.Length];
            Library.Decide(order, asOf, statuses, new Verdict[Library.Jurisdictions.Length]);
            var facts = new OrderFacts(order, Library.Profile(order.Product, asOf)!, asOf);
            for (var i = 0; i < statuses.Length; i++)
            {
                var raw = Library.Rules[i].Rule.When.Evaluate(facts);
                var consistent = statuses[i] switch
                {
                    RuleStatus.Fired => raw == true,
                    RuleStatus.NotFired => raw == false,
                    RuleStatus.Undetermined => raw is null,
                    RuleStatus.Superseded => raw != false,
                    _ => true,
                };
                if (!consistent)
                {
                    return false;
                }
            }

            return true;
        }, iter: 3000);
    }

    [Fact]
    public void Evaluate_FactsNoRuleReads_NeverChangeTheVerdict()
    {
        var read = Library.Packs
            .SelectMany(p => p.Rules.SelectMany(r => r.When.FactsNamed).Concat(p.Scope?.FactsNamed ?? []))
            .ToHashSet(StringComparer.Ordinal);
        (string[] Facts, Func<Order, Order> Change)[] irrelevant =
        [
            (["quantity", "total_value"], o => o with { Quantity = o.Quantity * 7 + 1 }),
            (["unit_value", "total_value"], o => o with { UnitValue = o.UnitValue / 3 + 1 }),
            (["order_date"], o => o with { OrderDate = o.OrderDate.AddDays(-400) }),
            (["currency"], o => o with { Currency = "EUR" }),
            (["customer"], o => o with { Customer = o.Customer with { Name = "Another name" } }),
            ([], o => o with { Id = "P-2", DefinedAt = new SourceLocation("other.csv", 9, 1) }),
        ];
        var exercised = irrelevant.Where(m => !m.Facts.Any(read.Contains)).ToList();
        Assert.True(exercised.Count >= 4, "most of these facts should be irrelevant to every shipped rule");

        Gen.Select(Orders, Dates, Gen.Int[0, exercised.Count - 1]).Sample((order, asOf, which) =>
        {
            var before = PolicyEvaluator.Evaluate(order, asOf, Library, explain: false);
            var after = PolicyEvaluator.Evaluate(exercised[which].Change(order), asOf, Library, explain: false);
            return before.Verdict == after.Verdict && before.Rules.Select(r => r.Status).SequenceEqual(after.Rules.Select(r => r.Status));
        }, iter: 2000);
    }

    [Fact]
    public void Evaluate_ARuleOutsideItsEffectiveDates_NeverFires()
    {
        Gen.Select(Orders, Dates).Sample((order, asOf) =>
        {
            var decision = PolicyEvaluator.Evaluate(order, asOf, Library, explain: false);
            return decision.Rules.All(r => r.Rule.IsInForce(asOf) ? r.Status != RuleStatus.NotInForce : r.Status == RuleStatus.NotInForce)
                && decision.Obligations.All(o => o.Rule.IsInForce(asOf));
        }, iter: 2000);
    }

    [Fact]
    public void Evaluate_AnAlwaysTrueRule_FiresExactlyInsideItsWindow()
    {
        Gen.Select(Dates, Gen.Int[0, 400], Dates).Sample((from, length, asOf) =>
        {
            var to = from.AddDays(length);
            var pack = PolicyPackParser.Parse(new SourceText("window.yaml", $"""
                pack: window
                title: Window
                jurisdiction: XX
                instrument: test
                version: "1"
                rules:
                  - id: always
                    title: Always
                    effective_from: {from:yyyy-MM-dd}
                    effective_to: {to:yyyy-MM-dd}
                    when: "true"
                    outcome: prohibited
                    citations: [{"{"} ref: test {"}"}]
                """)).Value;
            var library = new PolicyLibrary([pack], Library.Catalog, Library.Classification);
            var decision = PolicyEvaluator.Evaluate(global::Clearance.Core.Tests.Policy.Orders.Make("nvidia-h100-sxm", "DE", "2024-01-01"), asOf, library);
            var inside = asOf >= from && asOf <= to;
            return decision.Verdict == (inside ? Verdict.Prohibited : Verdict.Allowed);
        }, iter: 500);
    }

    [Fact]
    public void Decide_CombinedVerdict_IsTheMostRestrictiveJurisdictionVerdict()
    {
        Gen.Select(Orders, Dates).Sample((order, asOf) =>
        {
            var decision = PolicyEvaluator.Evaluate(order, asOf, Library, explain: false);
            return decision.Verdict == decision.Jurisdictions.Select(j => j.Verdict).DefaultIfEmpty(Verdict.Allowed).Max();
        }, iter: 1000);
    }

    [Fact]
    public void Catalog_HoldsEveryChipTheGeneratorsUse()
    {
        Assert.NotEmpty(ShippedData.Library.Catalog.Accelerators);
        Assert.All(ImmutableArray.Create<Accelerator>([.. ShippedData.Library.Catalog.Accelerators]), a => Assert.NotNull(ShippedData.Library.Profile(a.Id, First)));
    }
}
