using System.Globalization;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;
using Clearance.Server.Hosting;

namespace Clearance.Server.Policy;

/// <summary>An order book decided: each accepted row's decision with its line, and the rows that were not orders.</summary>
public sealed record BookDecisions(IReadOnlyList<(int Line, Decision Decision)> Decisions, IReadOnlyList<OrderRow> Rejected)
{
    /// <summary>Decides every accepted row under the rules of <paramref name="asOf"/> (null: each order's own date).</summary>
    public static BookDecisions Decide(IEnumerable<OrderRow> rows, DateOnly? asOf, PolicyLibrary library, ClearanceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(metrics);
        var decisions = new List<(int, Decision)>();
        var rejected = new List<OrderRow>();
        foreach (var row in rows)
        {
            if (row.Order is { } order)
            {
                var decision = PolicyEvaluator.Evaluate(order, asOf ?? order.OrderDate, library, explain: false);
                metrics.RecordDecision(decision.Verdict);
                decisions.Add((row.Line, decision));
            }
            else
            {
                rejected.Add(row);
            }
        }

        return new BookDecisions(decisions, rejected);
    }

    /// <summary>
    /// The decisions as CSV, one row per order, in the columns of <c>clearance evaluate --format csv</c>: id, line, as_of,
    /// product, destination, verdict, a verdict per jurisdiction, decided_by, obligations, amount_due, currency,
    /// undetermined and uncertain.
    /// </summary>
    public void WriteCsv(TextWriter writer, PolicyLibrary library)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(library);
        CsvText.WriteRow(writer, [
            "id", "line", "as_of", "product", "destination", "verdict",
            .. library.Jurisdictions.Select(j => "verdict_" + j.ToLowerInvariant()),
            "decided_by", "obligations", "amount_due", "currency", "undetermined", "uncertain"]);
        foreach (var (line, d) in Decisions)
        {
            var due = d.Obligations.Where(o => o.Amount is not null).Sum(o => o.Amount!.Value);
            CsvText.WriteRow(writer, [
                d.Order.Id, line.ToString(CultureInfo.InvariantCulture), d.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Order.Product, d.Order.Destination, d.Verdict.Key(),
                .. library.Jurisdictions.Select(j => d.Jurisdictions.FirstOrDefault(v => v.Jurisdiction == j)?.Verdict.Key() ?? ""),
                string.Join(';', d.Jurisdictions.SelectMany(j => j.DecidedBy).Distinct(StringComparer.Ordinal)),
                string.Join("; ", d.Obligations.Select(ShortSummary)),
                due == 0 ? "" : due.ToString("0.00", CultureInfo.InvariantCulture),
                d.Order.Currency,
                string.Join(';', d.Undetermined.Select(r => r.Rule.Id)),
                string.Join(';', d.Uncertainties.Select(u => u.RuleId).Distinct(StringComparer.Ordinal))]);
        }
    }

    /// <summary>Amounts and caps in full; other obligations by kind (their wording is on the order's own decision).</summary>
    public static string ShortSummary(ObligationDue due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return due.Obligation.Kind is ObligationKind.Levy or ObligationKind.Duty or ObligationKind.VolumeCap ? due.Summary : PolicyText.Kebab(due.Obligation.Kind.ToString());
    }
}
