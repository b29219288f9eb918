using System.Collections.Immutable;
using Clearance.Core.Catalog;
using Clearance.Core.Expressions;
using Clearance.Core.Parsing;

namespace Clearance.Core.Classification;

/// <summary>What a designation is: an export control entry, a licence trigger, a review window, a duty window...</summary>
public enum DesignationKind
{
    ExportControlEntry,
    LicenceTrigger,
    ReviewWindow,
    TariffWindow,
    Informational,
}

/// <summary>A regulatory text a rule rests on.</summary>
public sealed record Citation(string Reference, Uri? Url, string? Note);

/// <summary>
/// One dated classification rule: while it is in force, a chip whose facts meet <see cref="When"/> receives
/// <see cref="Designation"/> (unless a rule named in <see cref="Unless"/> fires for it).
/// </summary>
public sealed record ClassificationRule
{
    public required string Id { get; init; }

    public required string Designation { get; init; }

    public required DesignationKind Kind { get; init; }

    public required string Title { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>The last day the rule is in force (inclusive), or null while it still is.</summary>
    public DateOnly? EffectiveTo { get; init; }

    public required Condition<ChipFacts> When { get; init; }

    public ImmutableArray<string> Unless { get; init; } = [];

    public string? Consequence { get; init; }

    public Confidence Confidence { get; init; } = Confidence.Official;

    public string? Notes { get; init; }

    public ImmutableArray<Citation> Citations { get; init; } = [];

    public SourceLocation DefinedAt { get; init; }

    public bool IsInForce(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>A versioned file of classification rules for one jurisdiction and instrument.</summary>
public sealed record ClassificationRuleSet
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Jurisdiction { get; init; }

    /// <summary>The file's own revision label, changed whenever its content changes.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 of the file's text, so a decision names exactly the rules it used.</summary>
    public required string ContentHash { get; init; }

    public required ImmutableArray<ClassificationRule> Rules { get; init; }

    /// <summary>Every date on which the set of rules in force changes, ascending.</summary>
    public IEnumerable<DateOnly> ChangeDates =>
        Rules.SelectMany(r => r.EffectiveTo is { } to ? new[] { r.EffectiveFrom, to.AddDays(1) } : [r.EffectiveFrom])
            .Distinct()
            .Order();

    /// <summary>The regime in force on a date: the rules in force and the date that regime began.</summary>
    public RegimeVersion RegimeOn(DateOnly date)
    {
        var since = ChangeDates.LastOrDefault(d => d <= date);
        return new RegimeVersion(this, since == default ? null : since, [.. Rules.Where(r => r.IsInForce(date))]);
    }
}

/// <summary>The rules of one rule set in force over an interval of dates, named by the date the interval began.</summary>
public sealed record RegimeVersion(ClassificationRuleSet RuleSet, DateOnly? Since, ImmutableArray<ClassificationRule> Rules)
{
    /// <summary>A stable label such as "us-ear-advanced-computing@2023-11-17 (rules 2026.11.1)".</summary>
    public string Label => $"{RuleSet.Id}@{(Since is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "none-in-force")} (rules {RuleSet.Version})";
}
