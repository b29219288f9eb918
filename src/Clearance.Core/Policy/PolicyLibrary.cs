using System.Collections.Concurrent;
using System.Collections.Immutable;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;

namespace Clearance.Core.Policy;

/// <summary>How one rule came out for one order.</summary>
public enum RuleStatus : byte
{
    /// <summary>The evaluation date lies outside the rule's effective dates.</summary>
    NotInForce,
    NotFired,
    Fired,

    /// <summary>Facts the condition needs are unknown.</summary>
    Undetermined,

    /// <summary>The condition was met (or undetermined) but a rule named in its unless fired.</summary>
    Superseded,

    /// <summary>The order lies outside the pack's scope (for example, an item not subject to the EAR).</summary>
    OutOfScope,
}

/// <summary>
/// Everything a decision needs, loaded and compiled: the policy packs, the catalog, and the classification rule sets.
/// Immutable and safe to share between threads; chip classifications are computed once per (chip, regime) and cached.
/// </summary>
public sealed class PolicyLibrary
{
    private readonly RuleSlot[] _slots;
    private readonly DateOnly[] _classificationChanges;
    private readonly ConcurrentDictionary<(string Product, int Epoch), Chip?> _chips = new();

    public PolicyLibrary(IEnumerable<PolicyPack> packs, AcceleratorCatalog catalog, IEnumerable<ClassificationRuleSet> classification)
    {
        Packs = [.. packs.OrderBy(p => p.Jurisdiction, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal)];
        Catalog = catalog;
        Classification = [.. classification];
        Jurisdictions = [.. Packs.Select(p => p.Jurisdiction).Distinct(StringComparer.Ordinal)];
        var slots = new List<RuleSlot>();
        foreach (var pack in Packs)
        {
            var first = slots.Count;
            var jurisdiction = Jurisdictions.IndexOf(pack.Jurisdiction);
            foreach (var rule in pack.Rules)
            {
                var unless = rule.Unless.Select(id => first + pack.Rules.IndexOf(pack.Rules.First(r => r.Id == id))).ToArray();
                slots.Add(new RuleSlot(pack, rule, jurisdiction, unless));
            }
        }

        _slots = [.. slots];
        Rules = [.. slots.Select(s => (s.Pack, s.Rule))];
        _classificationChanges = [.. Classification.SelectMany(c => c.ChangeDates).Distinct().Order()];
    }

    public ImmutableArray<PolicyPack> Packs { get; }

    public AcceleratorCatalog Catalog { get; }

    public ImmutableArray<ClassificationRuleSet> Classification { get; }

    /// <summary>The jurisdictions with at least one pack, sorted; verdict spans are indexed in this order.</summary>
    public ImmutableArray<string> Jurisdictions { get; }

    /// <summary>Every rule of every pack, in evaluation order; status spans are indexed in this order.</summary>
    public ImmutableArray<(PolicyPack Pack, PolicyRule Rule)> Rules { get; }

    public ImmutableArray<PackVersion> Versions => [.. Packs.Select(p => p.VersionInfo)];

    /// <summary>The chip's classification in the regime in force on a date, or null when the catalog does not hold it.</summary>
    public ChipProfile? Profile(string product, DateOnly asOf) => ChipOn(product, asOf)?.Profile;

    private Chip? ChipOn(string product, DateOnly asOf)
    {
        var epoch = EpochOf(asOf);
        if (_chips.TryGetValue((product, epoch), out var cached))
        {
            return cached;
        }

        Chip? chip = null;
        if (Catalog.Find(product) is { } accelerator)
        {
            var profile = ChipProfile.Classify(accelerator, asOf, Classification);
            var facts = OrderFacts.ForChipOnly(profile);
            chip = new Chip(profile, [.. _slots.Select(slot => UsesKnown(slot.Rule.When.Syntax) || slot.Rule.When.Evaluate(facts) != false)]);
        }

        return _chips.GetOrAdd((product, epoch), chip);
    }

    /// <summary>
    /// The fast path: fills one status per rule (in <see cref="Rules"/> order) and one verdict per jurisdiction
    /// (in <see cref="Jurisdictions"/> order) and returns the combined verdict. Allocates only the order's facts.
    /// </summary>
    public Verdict Decide(Order order, DateOnly asOf, Span<RuleStatus> statuses, Span<Verdict> byJurisdiction)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (statuses.Length < _slots.Length || byJurisdiction.Length < Jurisdictions.Length)
        {
            throw new ArgumentException($"Pass spans of at least {_slots.Length} statuses and {Jurisdictions.Length} verdicts.", nameof(statuses));
        }

        var chip = ChipOn(order.Product, asOf) ?? throw new ArgumentException($"The catalog holds no chip '{order.Product}'; validate orders before deciding.", nameof(order));
        var facts = new OrderFacts(order, chip.Profile, asOf);
        var possible = chip.Possible;
        PolicyPack? scopedPack = null;
        var inScope = true;
        for (var i = 0; i < _slots.Length; i++)
        {
            var rule = _slots[i].Rule;
            if (!ReferenceEquals(_slots[i].Pack, scopedPack))
            {
                scopedPack = _slots[i].Pack;
                inScope = scopedPack.Scope?.Evaluate(facts) is not false;
            }

            // A condition false for the chip whatever the order (see OrderFacts.ChipOnly) is not evaluated again.
            statuses[i] = !rule.IsInForce(asOf) ? RuleStatus.NotInForce : !inScope ? RuleStatus.OutOfScope : !possible[i] ? RuleStatus.NotFired : rule.When.Evaluate(facts) switch
            {
                true => RuleStatus.Fired,
                false => RuleStatus.NotFired,
                null => RuleStatus.Undetermined,
            };
        }

        byJurisdiction[..Jurisdictions.Length].Clear();
        var combined = Verdict.Allowed;
        for (var i = 0; i < _slots.Length; i++)
        {
            var status = statuses[i];
            if (status is not (RuleStatus.Fired or RuleStatus.Undetermined))
            {
                continue;
            }

            foreach (var other in _slots[i].Unless)
            {
                if (statuses[other] == RuleStatus.Fired)
                {
                    status = RuleStatus.Superseded;
                    break;
                }
            }

            statuses[i] = status;
            var contribution = Contribution(status, _slots[i].Rule.Verdict);
            var j = _slots[i].Jurisdiction;
            byJurisdiction[j] = Verdicts.MostRestrictive(byJurisdiction[j], contribution);
            combined = Verdicts.MostRestrictive(combined, contribution);
        }

        return combined;
    }

    /// <summary>
    /// What a rule adds to its jurisdiction's verdict: its own verdict when it fired; a hold for review when it is
    /// undetermined and would restrict the order; nothing otherwise.
    /// </summary>
    public static Verdict Contribution(RuleStatus status, Verdict ruleVerdict) => status switch
    {
        RuleStatus.Fired => ruleVerdict,
        RuleStatus.Undetermined when ruleVerdict > Verdict.Allowed => Verdict.HoldForReview,
        _ => Verdict.Allowed,
    };

    internal int UnlessOf(int index, ReadOnlySpan<RuleStatus> statuses)
    {
        foreach (var other in _slots[index].Unless)
        {
            if (statuses[other] == RuleStatus.Fired)
            {
                return other;
            }
        }

        return -1;
    }

    internal int JurisdictionOf(int index) => _slots[index].Jurisdiction;

    private int EpochOf(DateOnly date)
    {
        var index = Array.BinarySearch(_classificationChanges, date);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>
    /// known(x) is the one test that is not monotone (it turns false when a fact becomes known), so conditions using it
    /// are never skipped.
    /// </summary>
    private static bool UsesKnown(Expressions.Syntax syntax) => syntax switch
    {
        Expressions.Call { Function: "known" } => true,
        Expressions.Call call => call.Arguments.Any(UsesKnown),
        Expressions.Unary unary => UsesKnown(unary.Operand),
        Expressions.Binary binary => UsesKnown(binary.Left) || UsesKnown(binary.Right),
        _ => false,
    };

    private sealed record RuleSlot(PolicyPack Pack, PolicyRule Rule, int Jurisdiction, int[] Unless);

    /// <summary>A chip in one classification regime: its profile and which rules could fire for some order of it.</summary>
    private sealed record Chip(ChipProfile Profile, bool[] Possible);
}
