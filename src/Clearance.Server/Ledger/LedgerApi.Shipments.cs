using System.Security.Claims;
using Clearance.Core.Ledger;
using Clearance.Server.Hosting;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Ledger;

public static partial class LedgerApi
{
    private static void MapShipmentsApi(this RouteGroupBuilder api)
    {
        var shipments = api.LedgerGroup("/shipments", "Shipments");
        shipments.MapGet("/", ListShipments).WithName("ListShipments")
            .WithSummary("Shipments by key; filter by status (reserved, recorded, released, reversed) and order.");
        shipments.MapGet("/{key}", GetShipment).WithName("GetShipment").WithSummary("One shipment, what it holds, and its levies.");
        shipments.MapPost("/", Ship).WithName("Ship").Accepts<ShipmentRequest>("application/json").Write(ClearancePolicies.Analyst)
            .WithSummary("Reserve a shipment on its licence, quota pools and volume caps and (unless reserveOnly) record it as shipped. " +
                         "The key (or the Idempotency-Key header) makes it exactly-once: the same key again returns the same shipment and depletes nothing twice.");
        shipments.MapPost("/{key}/shipped", (HttpRequest request, string key, LedgerStore store, TimeProvider clock, ClaimsPrincipal user) =>
                Step<DateRequest>(request, store, user, key, body => new RecordShipment(key, body.On ?? Today(clock)), optional: true))
            .WithName("RecordShipment").Accepts<DateRequest>("application/json").Write(ClearancePolicies.Analyst)
            .WithSummary("Record a reserved shipment as shipped: it depletes its licence, pools and caps once and accrues its levies.");
        shipments.MapPost("/{key}/release", (HttpRequest request, string key, LedgerStore store, TimeProvider clock, ClaimsPrincipal user) =>
                Step<ReasonRequest>(request, store, user, key, body => new ReleaseReservation(key, body.Reason ?? "", body.On ?? Today(clock))))
            .WithName("ReleaseReservation").Accepts<ReasonRequest>("application/json").Write(ClearancePolicies.Officer)
            .WithSummary("Release a reservation without shipping; its units go back to the licence, pools and caps.");
        shipments.MapPost("/{key}/reversal", (HttpRequest request, string key, LedgerStore store, TimeProvider clock, ClaimsPrincipal user) =>
                Step<ReasonRequest>(request, store, user, key, body => new ReverseShipment(key, body.Reason ?? "", body.On ?? Today(clock))))
            .WithName("ReverseShipment").Accepts<ReasonRequest>("application/json").Write(ClearancePolicies.Officer)
            .WithSummary("Correct a recorded shipment with a compensating entry: its use and its levies are given back in the period of the correction.");
    }

    private static Results<Ok<Page<ShipmentView>>, ValidationProblem> ListShipments(LedgerStore store, string? status, string? order, int? page, int? pageSize)
    {
        if (BadPage(page, pageSize) is { } bad)
        {
            return bad;
        }

        if (!TryStatus<ShipmentStatus>(status, out var wanted))
        {
            return BadStatus<ShipmentStatus>(status);
        }

        var state = store.ReadState();
        var rows = state.Shipments.Values
            .Where(s => (wanted is null || s.Status == wanted) && (order is null || s.Plan.OrderId == order))
            .OrderBy(s => s.Plan.Date).ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        var paged = Paging.Take(rows, page, pageSize);
        return TypedResults.Ok(new Page<ShipmentView>([.. paged.Items.Select(s => ShipmentView.Of(s, state))], paged.PageNumber, paged.PageSize, paged.Total));
    }

    private static Results<Ok<ShipmentView>, ProblemHttpResult> GetShipment(LedgerStore store, string key)
    {
        var state = store.ReadState();
        return state.Shipments.TryGetValue(key, out var shipment) ? TypedResults.Ok(ShipmentView.Of(shipment, state)) : NotFound($"no shipment has the key '{key}'");
    }

    private static async Task<Results<Created<ShipmentOutcome>, Ok<ShipmentOutcome>, ValidationProblem, ProblemHttpResult>> Ship(HttpRequest request, LedgerStore store, ReferenceData reference, TimeProvider clock, ClaimsPrincipal user, ClearanceMetrics metrics)
    {
        var (body, bad) = await ReadBody<ShipmentRequest>(request);
        if (body is null)
        {
            return bad!;
        }

        var errors = new RequestErrors();
        var header = request.Headers["Idempotency-Key"].FirstOrDefault();
        if (body.ToCommand(header, Today(clock), Products(reference), errors) is not { } command)
        {
            return Invalid(errors);
        }

        var (result, refusal) = Append(store, user, command);
        if (result is null)
        {
            return refusal!;
        }

        foreach (var reserved in result.Outcome.Events.OfType<ShipmentReserved>())
        {
            RecordDepletions(metrics, reserved);
        }

        var state = result.Outcome.State;
        var view = ShipmentView.Of(state.Shipments[command.Shipment.Key], state);
        return result.EventsWritten > 0
            ? TypedResults.Created($"/api/v1/shipments/{Uri.EscapeDataString(view.Key)}", new ShipmentOutcome(view, AlreadyRecorded: false))
            : TypedResults.Ok(new ShipmentOutcome(view, AlreadyRecorded: true));
    }

    private static async Task<Results<Ok<ShipmentView>, ValidationProblem, ProblemHttpResult>> Step<TBody>(HttpRequest request, LedgerStore store, ClaimsPrincipal user, string key, Func<TBody, LedgerCommand> command, bool optional = false)
        where TBody : class
    {
        var (body, bad) = await ReadBody<TBody>(request, optional);
        if (body is null)
        {
            return bad!;
        }

        if (!store.ReadState().Shipments.ContainsKey(key))
        {
            return NotFound($"no shipment has the key '{key}'");
        }

        var (result, refusal) = Append(store, user, command(body));
        if (result is null)
        {
            return refusal!;
        }

        var state = result.Outcome.State;
        return TypedResults.Ok(ShipmentView.Of(state.Shipments[key], state));
    }

    /// <summary>Counts the units a reservation takes from its licence, quota pools and volume caps.</summary>
    private static void RecordDepletions(ClearanceMetrics metrics, ShipmentReserved reserved)
    {
        var units = reserved.Shipment.Units;
        if (reserved.LicenceNumber is not null)
        {
            metrics.RecordDepletion("licence", units);
        }

        foreach (var _ in reserved.QuotaPools)
        {
            metrics.RecordDepletion("quota", units);
        }

        foreach (var _ in reserved.VolumeCaps)
        {
            metrics.RecordDepletion("cap", units);
        }
    }
}
