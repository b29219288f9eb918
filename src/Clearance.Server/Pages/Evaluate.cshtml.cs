using System.Globalization;
using Clearance.Core.Catalog;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;
using Clearance.Server.Hosting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Clearance.Server.Classification;

namespace Clearance.Server.Pages;

/// <summary>
/// Decide one order entered in a form: the verdicts per jurisdiction, obligations with amounts, and every rule
/// considered with its reason and citation. The form is a GET, so a decision's address can be shared and replayed.
/// </summary>
public sealed class EvaluateModel(ReferenceData reference, ClearanceMetrics metrics, TimeProvider clock) : PageModel
{
    /// <summary>The order fields the form offers, in the order book's names (the CSV columns and JSON keys).</summary>
    public static readonly IReadOnlyList<string> FormFields =
    [
        "id", "order_date", "product", "quantity", "unit_value", "currency", "destination", "export_origin", "us_entry", "hts_code",
        "customer", "customer_country", "customer_hq_country", "end_user", "end_user_country",
        "sector", "end_use", "state_owned", "critical_infrastructure", "state_funded_project", "list_hits",
    ];

    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public IReadOnlyList<Accelerator> Chips => reference.Catalog.Accelerators;

    /// <summary>The date every rule is decided on; empty means the order's own date.</summary>
    public string? AsOf { get; private set; }

    public Decision? Decision { get; private set; }

    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    public string? DateError { get; private set; }

    public string Value(string field) => _values.GetValueOrDefault(field) ?? "";

    public bool Flag(string field) => Value(field) is "true";

    /// <summary>The problems reported for one field, for the message under its input.</summary>
    public IEnumerable<Problem> ProblemsOf(string field) => Problems.Where(p => p.Field == field);

    public void OnGet()
    {
        var query = Request.Query;
        foreach (var field in FormFields)
        {
            _values[field] = query.TryGetValue(field, out var value) ? value.ToString() : null;
        }

        AsOf = query.TryGetValue("asOf", out var asOf) && !string.IsNullOrWhiteSpace(asOf) ? asOf.ToString() : null;
        if (!query.ContainsKey("product"))
        {
            // A first visit: an example order to change.
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var (field, value) in Example(today))
            {
                _values[field] = value;
            }

            return;
        }

        DateOnly? date = null;
        if (AsOf is not null)
        {
            if (DateOnly.TryParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                date = parsed;
            }
            else
            {
                DateError = ClassificationApi.NotADate(AsOf);
                return;
            }
        }

        var row = OrderBook.Build(1, field => _values.GetValueOrDefault(field), _ => SourceLocation.StartOf("form"), reference.Policy.Catalog);
        if (row.Order is not { } order)
        {
            Problems = row.Problems;
            return;
        }

        Decision = PolicyEvaluator.Evaluate(order, date ?? order.OrderDate, reference.Policy);
        metrics.RecordDecision(Decision.Verdict);
    }

    private static IEnumerable<(string Field, string Value)> Example(string today) =>
    [
        ("id", "WEB-1"), ("order_date", today), ("product", "nvidia-h200-sxm"), ("quantity", "512"), ("unit_value", "31000"), ("currency", "USD"),
        ("destination", "CN"), ("export_origin", "US"), ("us_entry", "true"), ("hts_code", "8471.80"),
        ("customer", "Example Cloud Co"), ("customer_country", "CN"), ("sector", "cloud"), ("end_use", "datacenter"),
        ("state_owned", "false"), ("critical_infrastructure", "false"), ("state_funded_project", "false"),
    ];
}
