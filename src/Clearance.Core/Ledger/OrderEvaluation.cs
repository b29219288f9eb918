using Clearance.Core.Parsing;
using Clearance.Core.Policy;

namespace Clearance.Core.Ledger;

/// <summary>
/// The one step the CLI and the server share to put an order's decision on the ledger: the policy engine decides
/// the order under the packs in force on a date, and <see cref="Command"/> records exactly that decision — its
/// verdicts, pack versions and obligations, with the levies and duties its shipments will accrue.
/// </summary>
public sealed record OrderEvaluation(Decision Decision, RecordDecision Command)
{
    /// <summary>Decides the order on <paramref name="asOf"/>; a product the catalog does not hold is a problem, not an exception.</summary>
    public static ParseResult<OrderEvaluation> Evaluate(Order order, DateOnly asOf, PolicyLibrary library)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(library);
        var origin = order.DefinedAt.File is null ? new SourceLocation("order " + order.Id, 0, 0) : order.DefinedAt;
        if (library.Catalog.Find(order.Product) is null)
        {
            return ParseResult<OrderEvaluation>.Failure(new Problem(origin, "product", $"the catalog holds no chip '{order.Product}'"));
        }

        var decision = PolicyEvaluator.Evaluate(order, asOf, library, explain: false);
        return ParseResult<OrderEvaluation>.Success(new OrderEvaluation(decision, new RecordDecision(OrderDecision.From(decision)) { Origin = origin }));
    }
}
