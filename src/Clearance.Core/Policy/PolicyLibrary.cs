using System.Collections.Concurrent;
using System.Collections.Frozen;
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

    /// <summary>Every date on which a chip's classification or the set of rules in force changes, ascending.</summary>
    private readonly DateOnly[] _changes;

    /// <summary>The period of each day from the first change date to the last (a lookup instead of a search).</summary>
    private readonly byte[] _periodOfDay;

    /// <summary>Per catalog id, its plan in each period between two change dates, filled on first use.</summary>
    private readonly FrozenDictionary<string, Chip?[]> _catalogChips;

    /// <summary>The same for any other product text (aliases, unknown names), added on first use.</summary>
    private readonly ConcurrentDictionary<string, Chip?[]> _otherChips = new(StringComparer.Ordinal);

    public PolicyLibrary(IEnumerable<PolicyPack> packs, AcceleratorCatalog catalog, IEnumerable<ClassificationRuleSet> classification)
    {
        Packs = [.. packs.OrderBy(p => p.Jurisdiction, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal)];
        Catalog = catalog;
        Classification = [.. classification];
        Jurisdictions = [.. Packs.Select(p => p.Jurisdiction).Distinct(StringComparer.Ordinal)];
        Versions = [.. Packs.Select(p => p.VersionInfo)];
        var slots = new List<RuleSlot>();
        for (var p = 0; p < Packs.Length; p++)
        {
            var pack = Packs[p];
            var first = slots.Count;
            var jurisdiction = Jurisdictions.IndexOf(pack.Jurisdiction);
            foreach (var rule in pack.Rules)
            {
                var unless = rule.Unless.Select(id => first + pack.Rules.IndexOf(pack.Rules.First(r => r.Id == id))).ToArray();
                slots.Add(new RuleSlot(pack, p, rule, jurisdiction, unless, UncertaintiesOf(pack, rule)));
            }
        }

        _slots = [.. slots];
        Rules = [.. slots.Select(s => (s.Pack, s.Rule))];
        _changes = [.. Classification.SelectMany(c => c.ChangeDates).Concat(Packs.SelectMany(p => p.ChangeDates)).Distinct().Order()];
        _periodOfDay = _changes.Length is > 0 and < byte.MaxValue && _changes[^1].DayNumber - _changes[0].DayNumber < 100_000
            ? [.. Enumerable.Range(_changes[0].DayNumber, _changes[^1].DayNumber - _changes[0].DayNumber + 1).Select(day => (byte)EpochOf(DateOnly.FromDayNumber(day)))]
            : [];
        _catalogChips = catalog.Accelerators.ToFrozenDictionary(a => a.Id, _ => new Chip?[_changes.Length + 1], StringComparer.Ordinal);
    }

    public ImmutableArray<PolicyPack> Packs { get; }

    public AcceleratorCatalog Catalog { get; }

    public ImmutableArray<ClassificationRuleSet> Classification { get; }

    /// <summary>The jurisdictions with at least one pack, sorted; verdict spans are indexed in this order.</summary>
    public ImmutableArray<string> Jurisdictions { get; }

    /// <summary>Every rule of every pack, in evaluation order; status spans are indexed in this order.</summary>
    public ImmutableArray<(PolicyPack Pack, PolicyRule Rule)> Rules { get; }

    /// <summary>The exact packs the library holds, as every decision records them (made once: decisions share it).</summary>
    public ImmutableArray<PackVersion> Versions { get; }

    /// <summary>The chip's classification in the regime in force on a date, or null when the catalog does not hold it.</summary>
    public ChipProfile? Profile(string product, DateOnly asOf) => ChipOn(product, asOf)?.Profile;

    private Chip? ChipOn(string product, DateOnly asOf)
    {
        var epoch = PeriodOf(asOf);
        if (!_catalogChips.TryGetValue(product, out var epochs) && !_otherChips.TryGetValue(product, out epochs))
        {
            epochs = _otherChips.GetOrAdd(product, _ => new Chip?[_changes.Length + 1]);
        }

        // Two threads may plan the same chip at once; both plans are equal, so the race is harmless.
        var chip = epochs[epoch] ??= Plan(product, asOf);
        return ReferenceEquals(chip, NoChip) ? null : chip;
    }

    /// <summary>
    /// The plan for one chip between two change dates: the status every rule gets whatever the order (not in force;
    /// out of scope; not fired because its condition is false for the chip alone) and the rules left to evaluate per order.
    /// </summary>
    private Chip Plan(string product, DateOnly asOf)
    {
        if (Catalog.Find(product) is not { } accelerator)
        {
            return NoChip;
        }

        var profile = ChipProfile.Classify(accelerator, asOf, Classification);
        var facts = OrderFacts.ForChipOnly(profile);
        var scopes = Packs.Select(pack => pack.Scope is not { } scope ? ScopeOutcome.Always
            : UsesKnown(scope.Syntax) ? ScopeOutcome.PerOrder
            : scope.Evaluate(facts) switch { true => ScopeOutcome.Always, false => ScopeOutcome.Never, null => ScopeOutcome.PerOrder })
            .ToArray();
        var template = new RuleStatus[_slots.Length];
        var evaluate = new List<int>();
        var settled = new List<uint>();
        for (var i = 0; i < _slots.Length; i++)
        {
            var (rule, scope) = (_slots[i].Rule, scopes[_slots[i].PackIndex]);

            // A condition false for the chip whatever the order (see OrderFacts.ChipOnly) is never evaluated per order.
            var possible = UsesKnown(rule.When.Syntax) || rule.When.Evaluate(facts) != false;
            template[i] = !rule.IsInForce(asOf) ? RuleStatus.NotInForce : scope == ScopeOutcome.Never ? RuleStatus.OutOfScope : RuleStatus.NotFired;
            if (template[i] == RuleStatus.NotFired && (possible || scope == ScopeOutcome.PerOrder))
            {
                evaluate.Add(possible ? i : ~i);
                settled.Add(possible ? Settled(rule.When, facts) : 0);
            }
        }

        return new Chip(profile, template, [.. evaluate], [.. settled], scopes);
    }

    /// <summary>
    /// The conjuncts of a condition true for the chip alone, hence (by monotonicity) for every order of it: tests of its
    /// designations, architecture or product. Orders then evaluate only the rest.
    /// </summary>
    private static uint Settled(Expressions.Condition<OrderFacts> condition, OrderFacts chipOnly)
    {
        var settled = 0u;
        for (var k = 0; k < Math.Min(condition.Conjuncts.Length, 32); k++)
        {
            if (!UsesKnown(condition.Conjuncts[k]) && condition.EvaluateConjunct(k, chipOnly) == true)
            {
                settled |= 1u << k;
            }
        }

        return settled;
    }

    /// <summary>
    /// The fast path: fills one status per rule (in <see cref="Rules"/> order) and one verdict per jurisdiction
    /// (in <see cref="Jurisdictions"/> order) and returns the combined verdict. Allocates only the order's facts, and
    /// only when a rule is left to evaluate for the order's chip on that date.
    /// </summary>
    public Verdict Decide(Order order, DateOnly asOf, Span<RuleStatus> statuses, Span<Verdict> byJurisdiction)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (statuses.Length < _slots.Length || byJurisdiction.Length < Jurisdictions.Length)
        {
            throw new ArgumentException($"Pass spans of at least {_slots.Length} statuses and {Jurisdictions.Length} verdicts.", nameof(statuses));
        }

        var chip = ChipOn(order.Product, asOf) ?? throw new ArgumentException($"The catalog holds no chip '{order.Product}'; validate orders before deciding.", nameof(order));
        chip.Template.CopyTo(statuses);
        byJurisdiction[..Jurisdictions.Length].Clear();
        var evaluate = chip.Evaluate;
        if (evaluate.Length == 0)
        {
            return Verdict.Allowed;
        }

        var facts = new OrderFacts(order, chip.Profile, asOf);
        var scopedPack = -1;
        var inScope = true;
        var settled = chip.Settled;
        for (var e = 0; e < evaluate.Length; e++)
        {
            var entry = evaluate[e];

            // A negative entry is a rule false for the chip alone, listed only because its pack's scope decides its status.
            var i = entry < 0 ? ~entry : entry;
            var slot = _slots[i];
            if (slot.PackIndex != scopedPack)
            {
                scopedPack = slot.PackIndex;
                inScope = chip.Scopes[scopedPack] != ScopeOutcome.PerOrder || slot.Pack.Scope!.Evaluate(facts) is not false;
            }

            statuses[i] = !inScope ? RuleStatus.OutOfScope : entry < 0 ? RuleStatus.NotFired : slot.Rule.When.Evaluate(facts, settled[e]) switch
            {
                true => RuleStatus.Fired,
                false => RuleStatus.NotFired,
                null => RuleStatus.Undetermined,
            };
        }

        var combined = Verdict.Allowed;
        foreach (var entry in evaluate)
        {
            var i = entry < 0 ? ~entry : entry;
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

    /// <summary>
    /// What a rule's outcome rests on that is not official: the rule itself when its confidence is below datasheet, and
    /// each pack parameter its condition reads whose confidence is (a country group recalled, not retrieved, stays visible
    /// in every decision it bears on). Listed for fired and undetermined rules.
    /// </summary>
    public ImmutableArray<Uncertainty> Uncertainties(int index) => _slots[index].Uncertainties;

    private static ImmutableArray<Uncertainty> UncertaintiesOf(PolicyPack pack, PolicyRule rule)
    {
        var uncertainties = ImmutableArray.CreateBuilder<Uncertainty>();
        if (!IsFirmSource(rule.Confidence))
        {
            uncertainties.Add(new Uncertainty(rule.Id, rule.Confidence, rule.Notes ?? ""));
        }

        foreach (var parameter in pack.Parameters)
        {
            if (!IsFirmSource(parameter.Confidence) && rule.When.FactsNamed.Contains(parameter.Name, StringComparer.Ordinal))
            {
                uncertainties.Add(new Uncertainty(rule.Id, parameter.Confidence, parameter.Notes ?? "", parameter.Name));
            }
        }

        return uncertainties.ToImmutable();
    }

    private static bool IsFirmSource(Confidence confidence) => confidence is Confidence.Official or Confidence.Datasheet;

    private int PeriodOf(DateOnly date)
    {
        var offset = date.DayNumber - (_changes.Length > 0 ? _changes[0].DayNumber : 0);
        return _periodOfDay.Length == 0 ? EpochOf(date) : offset < 0 ? 0 : offset >= _periodOfDay.Length ? _changes.Length : _periodOfDay[offset];
    }

    private int EpochOf(DateOnly date)
    {
        var index = Array.BinarySearch(_changes, date);
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

    /// <summary>Caches a product the catalog does not hold.</summary>
    private static readonly Chip NoChip = new(null!, [], [], [], []);

    private sealed record RuleSlot(PolicyPack Pack, int PackIndex, PolicyRule Rule, int Jurisdiction, int[] Unless, ImmutableArray<Uncertainty> Uncertainties);

    /// <summary>Whether a pack's scope holds for the chip alone: for every order, for none, or it depends on the order.</summary>
    private enum ScopeOutcome : byte
    {
        Always,
        Never,
        PerOrder,
    }

    /// <summary>
    /// A chip between two change dates: its profile, each rule's status whatever the order, the rules left to evaluate per
    /// order (ascending; ~i marks a rule false for the chip whose status only its pack's per-order scope decides), the
    /// conjuncts of each of those already true for the chip, and each pack's scope outcome.
    /// </summary>
    private sealed record Chip(ChipProfile Profile, RuleStatus[] Template, int[] Evaluate, uint[] Settled, ScopeOutcome[] Scopes);
}
