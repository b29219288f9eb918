using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;

namespace Clearance.Server.Policy;

/// <summary>A citation as the API shows it: the reference, its address and a note (each left out when there is none).</summary>
public sealed record CitationReport(string Reference, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note)
{
    // A rule's citations never change: each rule's list is made once, not on every request that shows the rule.
    private static readonly ConditionalWeakTable<PolicyRule, IReadOnlyList<CitationReport>> ByRule = [];

    public static IReadOnlyList<CitationReport> Of(IEnumerable<Citation> citations) =>
        [.. citations.Select(c => new CitationReport(c.Reference, c.Url?.ToString(), c.Note))];

    public static IReadOnlyList<CitationReport> Of(PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return ByRule.GetValue(rule, r => Of(r.Citations));
    }
}

/// <summary>One jurisdiction's verdict and the rules that decided it.</summary>
public sealed record JurisdictionReport(string Jurisdiction, string Verdict, IReadOnlyList<string> DecidedBy);

/// <summary>
/// An obligation due on an order: a one-line summary (with the amount of a levy or duty) and, where the pack's wording
/// says more than the summary, the description. Fields that do not apply to the kind (a rate on a certification) are left
/// out rather than written as null.
/// </summary>
public sealed record ObligationReport(
    string Pack,
    string Rule,
    string Kind,
    string Summary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? RatePercent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Amount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Currency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Payee,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Limit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pool)
{
    public static ObligationReport Of(ObligationDue due)
    {
        ArgumentNullException.ThrowIfNull(due);
        var o = due.Obligation;
        var summary = due.Summary;
        return new ObligationReport(due.Pack.Id, due.Rule.Id, PolicyText.Kebab(o.Kind), summary, summary == o.Description ? null : o.Description, o.RatePercent, due.Amount, due.Amount is null ? null : due.Currency, o.Payee, o.Limit, o.Unit, o.Pool);
    }
}

/// <summary>How one rule came out for the order: fired or not, why, when it is in force (no effectiveTo: open-ended), and its sources (with explain).</summary>
public sealed record RuleReport(string Pack, string Jurisdiction, string Rule, string Title, string Status, string Reason, string Verdict, DateOnly EffectiveFrom, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? EffectiveTo, string Confidence, IReadOnlyList<CitationReport> Citations);

/// <summary>A rule resting on facts that are not official or not verified.</summary>
public sealed record UncertaintyReport(string Rule, string Confidence, string Notes)
{
    // The library makes each rule's uncertainties once, so their reports are made once too.
    private static readonly ConditionalWeakTable<Uncertainty, UncertaintyReport> Reports = [];

    public static UncertaintyReport Of(Uncertainty uncertainty)
    {
        ArgumentNullException.ThrowIfNull(uncertainty);
        return Reports.GetValue(uncertainty, u => new UncertaintyReport(u.RuleId, PolicyText.Confidence(u.Confidence), u.Notes));
    }
}

/// <summary>The identity of a pack as a decision records it.</summary>
public sealed record PackVersionReport(string Id, string Version, string Sha256)
{
    private static readonly ConditionalWeakTable<PackVersion, PackVersionReport> Reports = [];

    public static PackVersionReport Of(PackVersion pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Reports.GetValue(pack, p => new PackVersionReport(p.Id, p.Version, p.Sha256));
    }
}

/// <summary>
/// The decision on one order with every rule considered: per-jurisdiction verdicts, obligations with amounts, each
/// rule's outcome and reason with its citations, the chip's designations on the date, and the exact packs used.
/// </summary>
public sealed record DecisionReport(
    string Id,
    DateOnly AsOf,
    string Product,
    string Destination,
    string Verdict,
    string VerdictText,
    IReadOnlyList<JurisdictionReport> Jurisdictions,
    IReadOnlyList<ObligationReport> Obligations,
    IReadOnlyList<string> Designations,
    IReadOnlyList<string> UndeterminedDesignations,
    IReadOnlyList<RuleReport> Rules,
    IReadOnlyList<UncertaintyReport> Uncertainties,
    IReadOnlyList<PackVersionReport> Packs)
{
    /// <param name="decision">The decision, explained or not.</param>
    /// <param name="everyRule">Every rule considered, with its citations; otherwise only those that bear on the decision (fired, undetermined, superseded), the fired and undetermined ones with their citations.</param>
    public static DecisionReport Of(Decision decision, bool everyRule = true)
    {
        ArgumentNullException.ThrowIfNull(decision);

        // Plain loops into arrays of the right size: this runs for every evaluate request.
        var rules = new List<RuleReport>(everyRule ? decision.Rules.Length : 8);
        foreach (var r in decision.Rules)
        {
            if (everyRule || BearsOn(r.Status))
            {
                rules.Add(new RuleReport(r.Pack.Id, r.Pack.Jurisdiction, r.Rule.Id, r.Rule.Title, PolicyText.Status(r.Status), r.Reason, r.Rule.Verdict.Key(), r.Rule.EffectiveFrom, r.Rule.EffectiveTo, PolicyText.Confidence(r.Rule.Confidence), everyRule || r.Status is RuleStatus.Fired or RuleStatus.Undetermined ? CitationReport.Of(r.Rule) : []));
            }
        }

        return new DecisionReport(
            decision.Order.Id,
            decision.AsOf,
            decision.Order.Product,
            decision.Order.Destination,
            decision.Verdict.Key(),
            decision.Verdict.Describe(),
            Map(decision.Jurisdictions, j => new JurisdictionReport(j.Jurisdiction, j.Verdict.Key(), j.DecidedBy)),
            Map(decision.Obligations, ObligationReport.Of),
            Sorted(decision.Chip.Designations),
            Sorted(decision.Chip.UndeterminedDesignations),
            rules,
            Map(decision.Uncertainties, UncertaintyReport.Of),
            Map(decision.Packs, PackVersionReport.Of));
    }

    /// <summary>Whether a rule with this status is shown when not every rule is: fired, undetermined or superseded.</summary>
    public static bool BearsOn(RuleStatus status) => status is RuleStatus.Fired or RuleStatus.Undetermined or RuleStatus.Superseded;

    /// <summary>Designations in ordinal order, as the report lists them.</summary>
    public static string[] Sorted(IEnumerable<string> designations)
    {
        ArgumentNullException.ThrowIfNull(designations);
        var sorted = designations.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static TReport[] Map<T, TReport>(ImmutableArray<T> items, Func<T, TReport> map)
    {
        var reports = new TReport[items.Length];
        for (var i = 0; i < reports.Length; i++)
        {
            reports[i] = map(items[i]);
        }

        return reports;
    }
}

/// <summary>One order of a batch: its verdicts, the rules that decided them, and its obligations.</summary>
public sealed record DecisionSummary(string Id, int Line, DateOnly AsOf, string Product, string Destination, string Verdict, IReadOnlyList<JurisdictionReport> Jurisdictions, IReadOnlyList<ObligationReport> Obligations, IReadOnlyList<string> Undetermined)
{
    public static DecisionSummary Of(int line, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new DecisionSummary(
            decision.Order.Id, line, decision.AsOf, decision.Order.Product, decision.Order.Destination, decision.Verdict.Key(),
            [.. decision.Jurisdictions.Select(j => new JurisdictionReport(j.Jurisdiction, j.Verdict.Key(), j.DecidedBy))],
            [.. decision.Obligations.Select(ObligationReport.Of)],
            [.. decision.Undetermined.Select(r => r.Rule.Id)]);
    }
}

/// <summary>A problem with its place in the body.</summary>
public sealed record ProblemReport(int Line, int Column, string Field, string Message)
{
    public static ProblemReport Of(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new ProblemReport(problem.Location.Line, problem.Location.Column, problem.Field, problem.Message);
    }
}

/// <summary>A row of a batch that was not evaluated, with every problem that kept it from being an order.</summary>
public sealed record RejectedRow(int Line, IReadOnlyList<ProblemReport> Problems)
{
    public static RejectedRow Of(OrderRow row) => new(row.Line, [.. row.Problems.Select(ProblemReport.Of)]);
}

/// <summary>How many rows a batch had, and how many were evaluated or rejected.</summary>
public sealed record BatchSummary(int Rows, int Evaluated, int Rejected);

/// <summary>The decisions on an order book; rejected rows are listed with line and field, never dropped.</summary>
public sealed record BatchReport(IReadOnlyList<PackVersionReport> Packs, IReadOnlyList<DecisionSummary> Decisions, IReadOnlyList<RejectedRow> Rejected, BatchSummary Summary);

/// <summary>One policy pack in the list of packs in force.</summary>
public sealed record PackSummary(string Id, string Title, string Jurisdiction, string Instrument, string Version, string Sha256, string File, int Rules)
{
    public static PackSummary Of(PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return new PackSummary(pack.Id, pack.Title, pack.Jurisdiction, pack.Instrument, pack.Version, pack.ContentHash, pack.File, pack.Rules.Length);
    }
}

/// <summary>A named threshold or country group of a pack.</summary>
public sealed record ParameterReport(string Name, double? Number, IReadOnlyList<string> Values, string Description, string Confidence, string? Notes);

/// <summary>An obligation a rule imposes, as written in the pack.</summary>
public sealed record ObligationRule(string Kind, string Description, decimal? RatePercent, string? Base, string? Payee, double? Limit, string? Unit, string? Pool);

/// <summary>One rule of a pack as written: when it is in force, its condition, outcome, confidence and citations.</summary>
public sealed record PackRuleReport(string Id, string Title, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string When, IReadOnlyList<string> Unless, string Verdict, IReadOnlyList<ObligationRule> Obligations, string Confidence, string? Notes, IReadOnlyList<CitationReport> Citations, string DefinedAt)
{
    public static PackRuleReport Of(PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new PackRuleReport(
            rule.Id, rule.Title, rule.EffectiveFrom, rule.EffectiveTo, rule.When.Text, rule.Unless, rule.Verdict.Key(),
            [.. rule.Obligations.Select(o => new ObligationRule(PolicyText.Kebab(o.Kind.ToString()), o.Description, o.RatePercent, o.BaseText, o.Payee, o.Limit, o.Unit, o.Pool))],
            PolicyText.Confidence(rule.Confidence), rule.Notes, CitationReport.Of(rule.Citations), rule.DefinedAt.ToString());
    }
}

/// <summary>A policy pack with every rule, its parameters and its scope.</summary>
public sealed record PackReport(string Id, string Title, string Jurisdiction, string Instrument, string Version, string Sha256, string File, string? Scope, IReadOnlyList<ParameterReport> Parameters, IReadOnlyList<PackRuleReport> Rules)
{
    public static PackReport Of(PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return new PackReport(
            pack.Id, pack.Title, pack.Jurisdiction, pack.Instrument, pack.Version, pack.ContentHash, pack.File, pack.Scope?.Text,
            [.. pack.Parameters.Select(p => new ParameterReport(p.Name, p.Number, p.Texts, p.Description, PolicyText.Confidence(p.Confidence), p.Notes))],
            [.. pack.Rules.Select(PackRuleReport.Of)]);
    }
}

/// <summary>Kebab-case and lower-case names shared by the API, the pages and the CLI's JSON.</summary>
public static class PolicyText
{
    // Enum names are few: each is converted once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> KebabNames = new(StringComparer.Ordinal);

    public static string Kebab(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        return KebabNames.GetOrAdd(pascal, name => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())));
    }

    /// <summary>An enum value's name in kebab case, from a table made once per enum type (no string built per call).</summary>
    public static string Kebab<T>(T value)
        where T : struct, Enum => KebabOf<T>.Names.TryGetValue(value, out var name) ? name : Kebab(value.ToString());

    public static string Status(RuleStatus status) => Kebab(status);

    public static string Confidence(Confidence confidence) => Kebab(confidence);

    private static class KebabOf<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Names =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => Kebab(v.ToString()));
    }
}
