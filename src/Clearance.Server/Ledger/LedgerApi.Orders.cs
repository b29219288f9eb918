using System.Security.Claims;
using System.Text;
using Clearance.Core.Catalog;
using Clearance.Core.Ledger;
using Clearance.Core.Policy;
using Clearance.Server.Hosting;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;
using Clearance.Core.Parsing;

namespace Clearance.Server.Ledger;

public static partial class LedgerApi
{
    private static void MapOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.LedgerGroup("/orders", "Orders");
        orders.MapGet("/", ListOrders).WithName("ListOrders")
            .WithSummary("Orders with their recorded decisions (verdict, pack versions, levies and duties); filter by verdict.");
        orders.MapGet("/{id}", GetOrder).WithName("GetOrder").WithSummary("One order's recorded decision and the shipments made under it.");
        orders.MapPost("/", DecideOrder).WithName("DecideOrder").Accepts<string>("application/json").Write(ClearancePolicies.Analyst)
            .WithSummary("Evaluate an order (the order-book JSON fields: id, order_date, product, quantity, unit_value, destination, customer, customer_country, …) " +
                         "by the policy packs in force on its date and record the decision, immutably, with the pack versions.");
    }

    private static Results<Ok<Page<OrderView>>, ValidationProblem> ListOrders(LedgerStore store, string? verdict, int? page, int? pageSize)
    {
        if (BadPage(page, pageSize) is { } bad)
        {
            return bad;
        }

        if (verdict is not null && Verdicts.Parse(verdict) is null)
        {
            return TypedResults.ValidationProblem(Errors("verdict", $"'{verdict}' is not a verdict; use one of: {string.Join(", ", Enum.GetValues<Verdict>().Select(v => v.Key()))}"));
        }

        var state = store.ReadState();
        var rows = state.Orders.Values
            .Where(o => verdict is null || string.Equals(o.Verdict, verdict, StringComparison.OrdinalIgnoreCase))
            .OrderBy(o => o.AsOf).ThenBy(o => o.OrderId, StringComparer.Ordinal)
            .Select(o => OrderView.Of(o, state))
            .ToList();
        return TypedResults.Ok(Paging.Take(rows, page, pageSize));
    }

    private static Results<Ok<OrderView>, ProblemHttpResult> GetOrder(LedgerStore store, string id)
    {
        var state = store.ReadState();
        return state.Orders.TryGetValue(id, out var order) ? TypedResults.Ok(OrderView.Of(order, state)) : NotFound($"no order has the id '{id}'");
    }

    private static async Task<Results<Created<OrderDecisionView>, Ok<OrderDecisionView>, ValidationProblem, ProblemHttpResult>> DecideOrder(HttpRequest request, LedgerStore store, ReferenceData reference, PolicyLibrary library, ClaimsPrincipal user)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (!text.TrimStart().StartsWith('{'))
        {
            return TypedResults.ValidationProblem(Errors("body", "post one order as a JSON object with the order-book fields (id, order_date, product, quantity, unit_value, destination, customer, customer_country, …)"), title: "The order is not valid");
        }

        // One object is parsed as a one-row order book; the bracket added before it shifts no line.
        var parsed = OrderBook.ParseJson(new SourceText("body", "[" + text + "\n]"), reference.Catalog);
        var problems = parsed.Succeeded ? parsed.Value[0].Problems : parsed.Problems;
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(ProblemMapping.ToErrors(problems.Select(p => p with { Field = p.Field.Replace("orders[0].", "", StringComparison.Ordinal) })), title: "The order is not valid");
        }

        var order = parsed.Value[0].Order!;
        var evaluation = OrderEvaluation.Evaluate(order, order.OrderDate, library);
        if (!evaluation.Succeeded)
        {
            return Refused(evaluation.Problems, StatusCodes.Status422UnprocessableEntity);
        }

        var (result, refusal) = Append(store, user, evaluation.Value.Command);
        if (result is null)
        {
            return refusal!;
        }

        var state = result.Outcome.State;
        var view = new OrderDecisionView(
            OrderView.Of(state.Orders[order.Id], state),
            [.. evaluation.Value.Decision.Fired.Select(r => $"{r.Pack.Id}/{r.Rule.Id}")],
            AlreadyRecorded: result.EventsWritten == 0);
        return result.EventsWritten > 0 ? TypedResults.Created($"/api/v1/orders/{Uri.EscapeDataString(order.Id)}", view) : TypedResults.Ok(view);
    }
}
