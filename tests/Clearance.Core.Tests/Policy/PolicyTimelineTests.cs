using Clearance.Core.Policy;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Policy;

public sealed class PolicyTimelineTests
{
    private static IReadOnlyList<PolicyPack> Packs => ShippedData.Library.Packs;

    [Fact]
    public void InForce_HoldsExactlyTheRulesWhoseWindowContainsTheDate()
    {
        var date = new DateOnly(2026, 2, 1);

        var inForce = PolicyTimeline.InForce(Packs, date);

        var expected = Packs.SelectMany(p => p.Rules).Where(r => r.EffectiveFrom <= date && (r.EffectiveTo is null || r.EffectiveTo >= date)).Select(r => r.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, inForce.Select(r => r.Rule.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InForce_TheH200ReviewRule_StartsOnItsEffectiveDate()
    {
        // BIS rule of 2026-01-15 (91 FR 1684): H200-class chips to China reviewed case by case.
        Assert.DoesNotContain(PolicyTimeline.InForce(Packs, new DateOnly(2026, 1, 14)), r => r.Rule.Id == "ear-h200-case-by-case");
        Assert.Contains(PolicyTimeline.InForce(Packs, new DateOnly(2026, 1, 15)), r => r.Rule.Id == "ear-h200-case-by-case");
    }

    [Fact]
    public void Between_AppliesItsEventsToTheFirstDateAndGetsTheSecond()
    {
        var from = new DateOnly(2023, 1, 1);
        var to = new DateOnly(2026, 2, 1);

        var diff = PolicyTimeline.Between(Packs, from, to);

        var rules = PolicyTimeline.InForce(Packs, from).Select(r => r.Rule).ToHashSet();
        foreach (var e in diff.Events)
        {
            Assert.InRange(e.Date, from.AddDays(1), to);
            if (e.Change == RuleChangeKind.EntersForce)
            {
                rules.Add(e.Rule);
            }
            else
            {
                rules.Remove(e.Rule);
            }
        }

        Assert.Equal(PolicyTimeline.InForce(Packs, to).Select(r => r.Rule.Id).Order(StringComparer.Ordinal), rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(diff.Entered.Select(r => r.Rule.Id).Order(StringComparer.Ordinal), PolicyTimeline.InForce(Packs, to).Select(r => r.Rule.Id).Except(PolicyTimeline.InForce(Packs, from).Select(r => r.Rule.Id)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Between_TheSameDate_ChangesNothing()
    {
        var diff = PolicyTimeline.Between(Packs, new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 1));

        Assert.Empty(diff.Events);
        Assert.Empty(diff.Entered);
        Assert.Empty(diff.Left);
    }

    [Fact]
    public void JsonOrders_OneOrderObject_IsReadWithItsFieldNamesUnprefixed()
    {
        const string json = "{ \"id\": \"A\", \"order_date\": \"2026-02-02\", \"product\": \"H20\",\n  \"quantity\": 0, \"unit_value\": 1, \"destination\": \"CN\", \"customer\": \"C\", \"customer_country\": \"CN\" }";

        var parsed = OrderBook.ParseJsonOrders(new SourceText("order.json", json), ShippedData.Library.Catalog);

        Assert.True(parsed.Value.IsSingleOrder);
        var problem = Assert.Single(parsed.Value.Rows.Single().Problems);
        Assert.Equal("quantity", problem.Field);
        Assert.Equal(2, problem.Location.Line);
    }

    [Fact]
    public void JsonOrders_OneOrderObject_IsStillNotAnOrderBookFile()
    {
        var parsed = OrderBook.ParseJson(new SourceText("orders.json", "{ \"id\": \"A\" }"), ShippedData.Library.Catalog);

        Assert.False(parsed.Succeeded);
    }
}
