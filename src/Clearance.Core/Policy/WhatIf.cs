using System.Collections.Immutable;

namespace Clearance.Core.Policy;

/// <summary>One side of a what-if: a library of packs and a date (null: each order on its own order date).</summary>
public sealed record WhatIfSide(string Label, PolicyLibrary Library, DateOnly? AsOf)
{
    public DateOnly DateFor(Order order) => AsOf ?? order.OrderDate;
}

/// <summary>A rule whose outcome for an order differs between the two sides, with the reason on each side.</summary>
public sealed record RuleChange(string PackId, string RuleId, RuleStatus? Before, RuleStatus? After, string BeforeReason, string AfterReason);

/// <summary>An order whose verdict or obligations differ between the two sides, and the rules that explain why.</summary>
public sealed record OrderChange(Order Order, Decision Before, Decision After, ImmutableArray<RuleChange> Rules)
{
    public bool VerdictChanged => Before.Verdict != After.Verdict;
}

/// <summary>The result of evaluating an order book under two sides: what changed, why, and a tally of transitions.</summary>
public sealed record WhatIfReport(WhatIfSide Before, WhatIfSide After, int Orders, ImmutableArray<OrderChange> Changes)
{
    /// <summary>How many orders moved from one verdict to another, most frequent first.</summary>
    public ImmutableArray<(Verdict From, Verdict To, int Count)> Transitions =>
    [
        .. Changes.Where(c => c.VerdictChanged)
            .GroupBy(c => (c.Before.Verdict, c.After.Verdict))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Count()))
            .OrderByDescending(t => t.Item3)
            .ThenBy(t => t.Item1)
            .ThenBy(t => t.Item2),
    ];
}

/// <summary>Evaluates an order book under two dates or two pack sets and reports what changes and why.</summary>
public static class WhatIf
{
    public static WhatIfReport Compare(IEnumerable<Order> orders, WhatIfSide before, WhatIfSide after)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = ImmutableArray.CreateBuilder<OrderChange>();
        var count = 0;
        foreach (var order in orders)
        {
            count++;
            var left = PolicyEvaluator.Evaluate(order, before.DateFor(order), before.Library);
            var right = PolicyEvaluator.Evaluate(order, after.DateFor(order), after.Library);
            if (left.Verdict == right.Verdict && Obligations(left).SequenceEqual(Obligations(right)))
            {
                continue;
            }

            changes.Add(new OrderChange(order, left, right, RuleChanges(left, right)));
        }

        return new WhatIfReport(before, after, count, changes.ToImmutable());
    }

    private static IEnumerable<string> Obligations(Decision decision) => decision.Obligations.Select(o => $"{o.Rule.Id}:{o.Summary}");

    /// <summary>Rules, matched by pack and id, whose status differs; a rule on one side only counts as a change.</summary>
    private static ImmutableArray<RuleChange> RuleChanges(Decision before, Decision after)
    {
        var left = before.Rules.ToDictionary(r => (r.Pack.Id, r.Rule.Id));
        var right = after.Rules.ToDictionary(r => (r.Pack.Id, r.Rule.Id));
        return
        [
            .. left.Keys.Union(right.Keys)
                .Select(key => (Key: key, Left: left.GetValueOrDefault(key), Right: right.GetValueOrDefault(key)))
                .Where(x => x.Left?.Status != x.Right?.Status && (Matters(x.Left) || Matters(x.Right)))
                .Select(x => new RuleChange(x.Key.Item1, x.Key.Item2, x.Left?.Status, x.Right?.Status, x.Left?.Reason ?? "not in this pack set", x.Right?.Reason ?? "not in this pack set")),
        ];
    }

    private static bool Matters(RuleDecision? decision) => decision?.Status is RuleStatus.Fired or RuleStatus.Undetermined or RuleStatus.Superseded;
}
