using System.Globalization;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;
using Clearance.Server.Classification;
using Clearance.Server.Hosting;
using Clearance.Server.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>One order decided on both sides of a what-if, and the rules whose outcome differs between them.</summary>
public sealed record OrderComparison(Order Order, Decision Before, Decision After, IReadOnlyList<RuleChange> ChangedRules)
{
    public bool VerdictChanged => Before.Verdict != After.Verdict;

    public bool Changed => VerdictChanged || ChangedRules.Count > 0;

    public RuleChange? ChangeOf(string pack, string rule) =>
        ChangedRules.FirstOrDefault(c => c.PackId == pack && c.RuleId == rule);

    /// <summary>The rules a side shows: those that bear on its decision, and any whose outcome changed.</summary>
    public IEnumerable<RuleDecision> RulesOf(Decision side) =>
        side.Rules.Where(r => r.Status is RuleStatus.Fired or RuleStatus.Undetermined or RuleStatus.Superseded || ChangeOf(r.Pack.Id, r.Rule.Id) is not null);
}

/// <summary>
/// What-if in the browser: an order (a sample, or orders typed as CSV or JSON) decided under two dates or two pack sets,
/// the two decisions side by side and the rules whose outcome changed marked. The same comparison as POST /api/v1/whatif.
/// </summary>
public sealed class WhatIfModel(ReferenceData reference, TimeProvider clock) : PageModel
{
    /// <summary>The sample order book shipped in the data directory.</summary>
    public const string SampleFile = "samples/orders.csv";

    /// <summary>A first visit: an H200 order from before the January 2026 rules, compared with the rules of February 2026.</summary>
    public const string DefaultSample = "SO-2025-010";

    private const string DefaultThenAsOf = "2026-02-01";

    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public IReadOnlyList<PolicyPack> Packs => reference.Policy.Packs;

    /// <summary>The sample orders offered, by id, with the CSV text of each (header and row).</summary>
    public IReadOnlyList<(Order Order, string Csv)> Samples { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Sample { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Orders { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ThenAsOf { get; set; }

    [BindProperty(SupportsGet = true, Name = "packs")]
    public List<string> BeforePacks { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "thenPacks")]
    public List<string> AfterPacks { get; set; } = [];

    public string BeforeLabel { get; private set; } = "";

    public string AfterLabel { get; private set; } = "";

    /// <summary>Problems with the orders themselves, with line and field.</summary>
    public IReadOnlyList<Problem> OrderProblems { get; private set; } = [];

    public IReadOnlyList<OrderRow> Rejected { get; private set; } = [];

    public IReadOnlyList<OrderComparison>? Comparisons { get; private set; }

    public IReadOnlyDictionary<string, string> Errors => _errors;

    public string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    public bool HasErrors => _errors.Count > 0 || OrderProblems.Count > 0;

    public void OnGet()
    {
        LoadSamples();
        if (!Request.Query.ContainsKey("thenAsOf") && !Request.Query.ContainsKey("thenPacks") && !Request.Query.ContainsKey("sample") && !Request.Query.ContainsKey("orders"))
        {
            Sample = DefaultSample;
            ThenAsOf = DefaultThenAsOf;
        }

        Compare(emptyPacksMeanAll: true);
    }

    public void OnPost()
    {
        LoadSamples();
        Compare(emptyPacksMeanAll: false);
    }

    public bool IsSelected(string field, string packId) =>
        (field == "packs" ? BeforePacks : AfterPacks).Contains(packId, StringComparer.OrdinalIgnoreCase);

    private void Compare(bool emptyPacksMeanAll)
    {
        var library = reference.Policy;
        var before = Date("asOf", AsOf);
        var after = Date("thenAsOf", ThenAsOf);
        var beforePacks = PacksOf("packs", BeforePacks, emptyPacksMeanAll);
        var afterPacks = PacksOf("thenPacks", AfterPacks, emptyPacksMeanAll);
        BeforePacks = [.. beforePacks];
        AfterPacks = [.. afterPacks];
        var samePacks = beforePacks.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(afterPacks);
        if (samePacks && !_errors.ContainsKey("thenAsOf") && !_errors.ContainsKey("thenPacks"))
        {
            if (string.IsNullOrWhiteSpace(ThenAsOf))
            {
                _errors["thenAsOf"] = "give the change to compare: another date, or another set of packs after";
            }
            else if (after == before)
            {
                _errors["thenAsOf"] = "both sides are the same; change the date or the packs after";
            }
        }

        var text = OrdersText();
        if (string.IsNullOrWhiteSpace(text))
        {
            _errors["orders"] = "choose a sample order, or type or paste orders (CSV with a header row, or JSON)";
        }

        if (_errors.Count > 0)
        {
            return;
        }

        var input = OrderInput.Parse(text!, contentType: null, library.Catalog);
        if (!input.Succeeded)
        {
            OrderProblems = input.Problems;
            return;
        }

        OrderProblems = [.. input.Value.Rows.Where(r => !r.Accepted).SelectMany(r => r.Problems)];
        Rejected = [.. input.Value.Rows.Where(r => !r.Accepted)];
        var beforeSide = new WhatIfSide(PolicyApi.Label(before, Join(beforePacks, library)), PolicyApi.Only(library, beforePacks), before);
        var afterSide = new WhatIfSide(PolicyApi.Label(after ?? before, Join(afterPacks, library)), PolicyApi.Only(library, afterPacks), after ?? before);
        BeforeLabel = beforeSide.Label;
        AfterLabel = afterSide.Label;
        var orders = input.Value.Rows.Where(r => r.Accepted).Select(r => r.Order!).ToList();
        var changes = new Dictionary<Order, OrderChange>(ReferenceEqualityComparer.Instance);
        foreach (var change in WhatIf.Compare(orders, beforeSide, afterSide).Changes)
        {
            changes[change.Order] = change;
        }

        Comparisons =
        [
            .. orders.Select(order => changes.TryGetValue(order, out var change)
                ? new OrderComparison(order, change.Before, change.After, change.Rules)
                : new OrderComparison(order, PolicyEvaluator.Evaluate(order, beforeSide.DateFor(order), beforeSide.Library), PolicyEvaluator.Evaluate(order, afterSide.DateFor(order), afterSide.Library), [])),
        ];
    }

    /// <summary>The sample's CSV when one is chosen, else what was typed; the text area then shows what was compared.</summary>
    private string? OrdersText()
    {
        if (!string.IsNullOrWhiteSpace(Sample))
        {
            var sample = Samples.FirstOrDefault(s => s.Order.Id == Sample);
            if (sample.Order is null)
            {
                _errors["sample"] = $"no sample order '{Sample}'; choose one from the list";
                return null;
            }

            Orders = sample.Csv;
        }

        return Orders;
    }

    private DateOnly? Date(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ClassificationApi.ParseDate(text, clock) is { } date)
        {
            return date;
        }

        _errors[field] = ClassificationApi.NotADate(text);
        return null;
    }

    private List<string> PacksOf(string field, List<string> chosen, bool emptyMeansAll)
    {
        if (chosen.Count == 0)
        {
            if (!emptyMeansAll)
            {
                _errors[field] = "choose at least one pack";
            }

            return [.. Packs.Select(p => p.Id)];
        }

        if (PolicyApi.UnknownPacks(chosen, reference.Policy) is { } problem)
        {
            _errors[field] = problem;
        }

        return [.. chosen.Where(id => Packs.Any(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Null (every pack) when all are chosen, so the label reads "every pack".</summary>
    private static string? Join(List<string> ids, PolicyLibrary library) =>
        ids.Count == library.Packs.Length ? null : string.Join(",", ids);

    private void LoadSamples()
    {
        var path = Path.Combine(reference.DataDirectory, SampleFile);
        if (!System.IO.File.Exists(path))
        {
            return;
        }

        var lines = System.IO.File.ReadAllLines(path);
        var parsed = OrderInput.Parse(string.Join('\n', lines), "text/csv", reference.Policy.Catalog);
        if (!parsed.Succeeded)
        {
            return;
        }

        Samples =
        [
            .. parsed.Value.Rows
                .Where(r => r.Accepted && r.Line >= 2 && r.Line <= lines.Length)
                .Select(r => (r.Order!, lines[0] + "\n" + lines[r.Line - 1])),
        ];
    }

    /// <summary>A date as the form shows it.</summary>
    public static string Show(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
