using System.Collections.Immutable;
using Clearance.Core.Catalog;
using Clearance.Core.Expressions;

namespace Clearance.Core.Classification;

/// <summary>How one rule came out for one chip, with the tests it made and the values they saw.</summary>
public sealed record RuleOutcome(ClassificationRule Rule, bool? Fired, ImmutableArray<TestTrace> Tests, string? SupersededBy)
{
    /// <summary>Why the rule fired, did not fire, or could not be decided, in one line.</summary>
    public string Reason => SupersededBy is not null
        ? $"met, but {SupersededBy} applies instead"
        : Fired switch
        {
            true => "met: " + string.Join("; ", Tests.Where(t => t.Outcome == true).Select(t => t.ToString())),
            false => "not met: " + string.Join("; ", Tests.Where(t => t.Outcome == false).Select(t => t.ToString())),
            null => "undetermined, figures unknown: " + string.Join("; ", Tests.Where(t => t.Outcome is null).Select(t => t.ToString())),
        };
}

/// <summary>The classification of one chip on one date under one rule set.</summary>
public sealed record ChipClassification(
    Accelerator Accelerator,
    DateOnly AsOf,
    RegimeVersion Regime,
    PerformanceFigures Figures,
    ImmutableArray<RuleOutcome> Outcomes)
{
    /// <summary>The designations the chip receives, in rule order.</summary>
    public ImmutableArray<RuleOutcome> Designations => [.. Outcomes.Where(o => o.Fired == true && o.SupersededBy is null)];

    /// <summary>Rules that could apply but cannot be decided because a figure is unknown.</summary>
    public ImmutableArray<RuleOutcome> Undetermined => [.. Outcomes.Where(o => o.Fired is null)];
}

/// <summary>Classifies chips under dated rule sets. Pure: the same chip, date and rules always give the same answer.</summary>
public static class Classifier
{
    public static ChipClassification Classify(Accelerator accelerator, DateOnly asOf, ClassificationRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var facts = ChipFacts.Of(accelerator);
        var regime = ruleSet.RegimeOn(asOf);
        var fired = regime.Rules.ToDictionary(r => r.Id, r => r.When.Evaluate(facts), StringComparer.Ordinal);
        var outcomes = regime.Rules
            .Select(rule =>
            {
                var superseding = rule.Unless.FirstOrDefault(id => fired.TryGetValue(id, out var other) && other == true);
                var supersededBy = fired[rule.Id] == true && superseding is not null
                    ? regime.Rules.First(r => r.Id == superseding).Designation
                    : null;
                return new RuleOutcome(rule, fired[rule.Id], rule.When.Explain(facts), supersededBy);
            })
            .ToImmutableArray();
        return new ChipClassification(accelerator, asOf, regime, facts.Figures, outcomes);
    }

    /// <summary>The classification under every regime version of the rule set, from the first rule's date on.</summary>
    public static ImmutableArray<ChipClassification> Timeline(Accelerator accelerator, ClassificationRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return [.. ruleSet.ChangeDates.Select(date => Classify(accelerator, date, ruleSet))];
    }
}
