using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Clearance.Core.Policy;

/// <summary>
/// Decides orders under policy packs. Pure and deterministic: the same order, date and library always give the
/// same decision, so any decision can be replayed.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>The full decision, with each rule's tests and values when <paramref name="explain"/> is true.</summary>
    public static Decision Evaluate(Order order, DateOnly asOf, PolicyLibrary library, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(library);
        var rules = library.Rules;
        var statuses = new RuleStatus[rules.Length];
        var byJurisdiction = new Verdict[library.Jurisdictions.Length];
        var verdict = library.Decide(order, asOf, statuses, byJurisdiction);
        var profile = library.Profile(order.Product, asOf)!;
        var facts = new OrderFacts(order, profile, asOf);

        // Plain arrays and loops: this runs for every order of a book and every evaluate request.
        var decisions = new RuleDecision[rules.Length];
        var jurisdictionCount = library.Jurisdictions.Length;
        var decidedBy = new string[jurisdictionCount][];
        var decidedCounts = new int[jurisdictionCount];
        ImmutableArray<ObligationDue>.Builder? obligations = null;
        ImmutableArray<Uncertainty>.Builder? uncertainties = null;
        for (var i = 0; i < rules.Length; i++)
        {
            var (pack, rule) = rules[i];
            var status = statuses[i];
            var tests = explain && status is not (RuleStatus.NotInForce or RuleStatus.OutOfScope) ? rule.When.Explain(facts) : [];
            var superseding = status == RuleStatus.Superseded ? library.UnlessOf(i, statuses) : -1;
            decisions[i] = new RuleDecision(pack, rule, status, tests, superseding >= 0 ? rules[superseding].Rule.Id : null, asOf);
            var j = library.JurisdictionOf(i);
            var contribution = PolicyLibrary.Contribution(status, rule.Verdict);
            if (contribution > Verdict.Allowed && contribution == byJurisdiction[j])
            {
                var ids = decidedBy[j] ??= new string[rules.Length];
                ids[decidedCounts[j]++] = rule.Id;
            }

            if (status == RuleStatus.Fired && rule.Obligations.Length > 0)
            {
                obligations ??= ImmutableArray.CreateBuilder<ObligationDue>();
                foreach (var o in rule.Obligations)
                {
                    obligations.Add(new ObligationDue(pack, rule, o, AmountOf(o, facts), order.Currency));
                }
            }

            if (status is RuleStatus.Fired or RuleStatus.Undetermined && library.Uncertainties(i) is { Length: > 0 } uncertain)
            {
                uncertainties ??= ImmutableArray.CreateBuilder<Uncertainty>();
                uncertainties.AddRange(uncertain);
            }
        }

        var jurisdictions = new JurisdictionVerdict[jurisdictionCount];
        for (var j = 0; j < jurisdictionCount; j++)
        {
            ImmutableArray<string> ids = decidedBy[j] is { } decided ? ImmutableArray.Create(decided, 0, decidedCounts[j]) : [];
            jurisdictions[j] = new JurisdictionVerdict(library.Jurisdictions[j], byJurisdiction[j], ids);
        }

        return new Decision(
            order,
            asOf,
            verdict,
            ImmutableCollectionsMarshal.AsImmutableArray(jurisdictions),
            obligations?.ToImmutable() ?? [],
            ImmutableCollectionsMarshal.AsImmutableArray(decisions),
            profile,
            uncertainties?.ToImmutable() ?? [],
            library.Versions);
    }

    /// <summary>The amount of a levy or duty: rate × base, rounded to cents; null when the base is unknown.</summary>
    public static decimal? AmountOf(Obligation obligation, OrderFacts facts)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        if (obligation.RatePercent is not { } rate || obligation.Base?.Invoke(facts) is not { } baseValue || !double.IsFinite(baseValue) || Math.Abs(baseValue) > 1e20)
        {
            return null;
        }

        // Money bases (total_value, unit_value) come from decimals; reading them back through double keeps cents exact
        // for amounts below 10^13, far above any order.
        var amount = Math.Round((decimal)baseValue, 2, MidpointRounding.ToEven) * rate / 100m;
        return Math.Round(amount, 2, MidpointRounding.ToEven);
    }
}
