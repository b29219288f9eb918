using Clearance.Core.Catalog;
using Clearance.Core.Expressions;

namespace Clearance.Core.Classification;

/// <summary>A chip's classification as reports show it: figures, regimes, and every rule's outcome with its tests and citations.</summary>
public sealed record ClassificationReport(
    string Chip,
    string Name,
    DateOnly? AsOf,
    double? Tpp,
    string? TppDecidingWidth,
    bool TppIsLowerBound,
    double? PerformanceDensity,
    double? MemoryBandwidthGbps,
    double? InterconnectGbps,
    string Market,
    IReadOnlyList<string> Designations,
    IReadOnlyList<RegimeReport> Regimes)
{
    public static ClassificationReport From(Accelerator chip, DateOnly? asOf, IReadOnlyList<ChipClassification> results)
    {
        var figures = PerformanceFigures.Of(chip);
        return new ClassificationReport(
            chip.Id,
            chip.Name,
            asOf,
            figures.Tpp?.Value,
            figures.DecidingWidth?.Key(),
            figures.TppIsLowerBound,
            figures.PerformanceDensity is { } pd ? Math.Round(pd.Value, 4) : null,
            chip.MemoryBandwidth?.Value.Value,
            chip.InterconnectBandwidth?.Value.Value,
            chip.Market.ToString().ToLowerInvariant(),
            asOf is null ? [] : [.. results.SelectMany(r => r.Designations).Select(d => d.Rule.Designation)],
            [.. results.Select(RegimeReport.From)]);
    }
}

public sealed record RegimeReport(string RuleSet, string RuleSetVersion, string ContentSha256, DateOnly? Since, string Regime, IReadOnlyList<string> Designations, IReadOnlyList<RuleReport> Rules)
{
    public static RegimeReport From(ChipClassification c) => new(
        c.Regime.RuleSet.Id,
        c.Regime.RuleSet.Version,
        c.Regime.RuleSet.ContentHash,
        c.Regime.Since,
        c.Regime.Label,
        [.. c.Designations.Select(d => d.Rule.Designation)],
        [.. c.Outcomes.Select(RuleReport.From)]);
}

public sealed record RuleReport(string Id, string Designation, string Kind, string Outcome, string Reason, string Condition, IReadOnlyList<TestTrace> Tests, string? Consequence, string Confidence, IReadOnlyList<Citation> Citations)
{
    public static RuleReport From(RuleOutcome o) => new(
        o.Rule.Id,
        o.Rule.Designation,
        o.Rule.Kind.ToString(),
        o switch
        {
            { SupersededBy: not null } => "superseded",
            { Fired: true } => "applies",
            { Fired: false } => "does-not-apply",
            _ => "undetermined",
        },
        o.Reason,
        o.Rule.When.Text,
        o.Tests,
        o.Rule.Consequence,
        o.Rule.Confidence.ToString().ToLowerInvariant(),
        o.Rule.Citations);
}
