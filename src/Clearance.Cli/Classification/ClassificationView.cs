using Clearance.Cli.Output;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Expressions;

namespace Clearance.Cli.Classification;

/// <summary>The JSON shape of a chip's classification: figures, regimes, and every rule's outcome with its tests.</summary>
internal sealed record ClassificationView(
    string Chip,
    string Name,
    string? AsOf,
    double? Tpp,
    string? TppDecidingWidth,
    bool TppIsLowerBound,
    double? PerformanceDensity,
    double? MemoryBandwidthGbps,
    double? InterconnectGbps,
    string Market,
    IReadOnlyList<string> Designations,
    IReadOnlyList<RegimeView> Regimes)
{
    public static ClassificationView From(Accelerator chip, DateOnly? asOf, IReadOnlyList<ChipClassification> results)
    {
        var figures = PerformanceFigures.Of(chip);
        return new ClassificationView(
            chip.Id,
            chip.Name,
            asOf is { } date ? Render.Date(date) : null,
            figures.Tpp?.Value,
            figures.DecidingWidth?.Key(),
            figures.TppIsLowerBound,
            figures.PerformanceDensity is { } pd ? Math.Round(pd.Value, 4) : null,
            chip.MemoryBandwidth?.Value.Value,
            chip.InterconnectBandwidth?.Value.Value,
            chip.Market.ToString().ToLowerInvariant(),
            asOf is null ? [] : [.. results.SelectMany(r => r.Designations).Select(d => d.Rule.Designation)],
            [.. results.Select(RegimeView.From)]);
    }
}

internal sealed record RegimeView(string RuleSet, string RuleSetVersion, string ContentSha256, string? Since, string Regime, IReadOnlyList<string> Designations, IReadOnlyList<RuleView> Rules)
{
    public static RegimeView From(ChipClassification c) => new(
        c.Regime.RuleSet.Id,
        c.Regime.RuleSet.Version,
        c.Regime.RuleSet.ContentHash,
        c.Regime.Since is { } since ? Render.Date(since) : null,
        c.Regime.Label,
        [.. c.Designations.Select(d => d.Rule.Designation)],
        [.. c.Outcomes.Select(RuleView.From)]);
}

internal sealed record RuleView(string Id, string Designation, string Kind, string Outcome, string Reason, string Condition, IReadOnlyList<TestTrace> Tests, string? Consequence, string Confidence, IReadOnlyList<Citation> Citations)
{
    public static RuleView From(RuleOutcome o) => new(
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
