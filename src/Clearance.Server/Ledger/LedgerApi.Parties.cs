using System.Security.Claims;
using Clearance.Core.Ledger;
using Clearance.Server.Hosting;
using Clearance.Server.Screening;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Ledger;

public static partial class LedgerApi
{
    private static void MapPartiesApi(this RouteGroupBuilder api)
    {
        var parties = api.LedgerGroup("/parties", "Parties");
        parties.MapGet("/", ListParties).WithName("ListParties")
            .WithSummary("Parties and where they stand in the approval workflow, by id; filter by status (requested, screened, approved, rejected, suspended).");
        parties.MapGet("/{id}", GetParty).WithName("GetParty")
            .WithSummary("One party with every audit row about it (requested, screened, approved, rejected, suspended), oldest first.");
        parties.MapPost("/", RequestParty).WithName("RequestParty").Accepts<PartyRequest>("application/json").Write(ClearancePolicies.Analyst)
            .WithSummary("Ask for a party (customer, consignee, end user) to become an approved customer. The same request again changes nothing.");
        parties.MapPost("/{id}/screenings", ScreenParty).WithName("ScreenParty").Accepts<DateRequest>("application/json").Write(ClearancePolicies.Analyst)
            .WithSummary("Screen the party's name and country against the restricted-party lists in force and record the outcome; a hit on an approved party suspends it.");
        parties.MapPost("/rescreenings", RescreenParties).WithName("RescreenParties").Accepts<RescreenRequest>("application/json").Write(ClearancePolicies.Analyst)
            .WithSummary("After a list update, re-screen every screened party against the changes since the lists it was last screened against (in full when that cannot be exact), with its new and cleared hits, and record the outcomes all or nothing; dryRun only reports.");
        parties.MapPost("/{id}/approval", ApproveParty).WithName("ApproveParty").Accepts<ApprovalRequest>("application/json").Write(ClearancePolicies.Officer)
            .WithSummary("Approve a screened party with no hit, with a reason, until an expiry date.");
        parties.MapPost("/{id}/rejection", RejectParty).WithName("RejectParty").Accepts<ReasonRequest>("application/json").Write(ClearancePolicies.Officer)
            .WithSummary("Reject a party, with a reason.");
    }

    private static Results<Ok<Page<PartyView>>, ValidationProblem> ListParties(LedgerStore store, string? status, int? page, int? pageSize)
    {
        if (BadPage(page, pageSize) is { } bad)
        {
            return bad;
        }

        if (!TryStatus<PartyStatus>(status, out var wanted))
        {
            return BadStatus<PartyStatus>(status);
        }

        var rows = store.ReadState().Parties.Values
            .Where(p => wanted is null || p.Status == wanted)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .Select(PartyView.Of)
            .ToList();
        return TypedResults.Ok(Paging.Take(rows, page, pageSize));
    }

    private static Results<Ok<PartyDetail>, ProblemHttpResult> GetParty(LedgerStore store, string id)
    {
        if (!store.ReadState().Parties.TryGetValue(id, out var party))
        {
            return NotFound($"no party has the id '{id}'");
        }

        var marker = $"\"party_id\":{System.Text.Json.JsonSerializer.Serialize(id)}";
        var history = store.ReadAuditLog()
            .Where(r => r.EventType.StartsWith("Party", StringComparison.Ordinal) && r.Payload.Contains(marker, StringComparison.Ordinal))
            .Select(AuditEntry.Of)
            .ToList();
        return TypedResults.Ok(new PartyDetail(PartyView.Of(party), history));
    }

    private static Task<Results<Created<PartyView>, Ok<PartyView>, ValidationProblem, ProblemHttpResult>> RequestParty(HttpRequest request, LedgerStore store, TimeProvider clock, ClaimsPrincipal user) =>
        Record<PartyRequest, Core.Ledger.RequestParty, PartyView>(
            request, store, user,
            (body, errors) => body.ToCommand(Today(clock), errors),
            (command, state) => PartyView.Of(state.Parties[command.PartyId]),
            view => $"/api/v1/parties/{Uri.EscapeDataString(view.Id)}");

    private static async Task<Results<Ok<PartyScreening>, ValidationProblem, ProblemHttpResult>> ScreenParty(HttpRequest request, string id, LedgerStore store, ListsInForce inForce, TimeProvider clock, ClaimsPrincipal user)
    {
        var lists = inForce.Current;
        var (body, bad) = await ReadBody<DateRequest>(request, optional: true);
        if (body is null)
        {
            return bad!;
        }

        if (!store.ReadState().Parties.TryGetValue(id, out var party))
        {
            return NotFound($"no party has the id '{id}'");
        }

        var screening = lists.Screen(party);
        var outcome = ScreeningOutcome.From(screening);
        var (result, refusal) = Append(store, user, new RecordScreening(id, outcome, body.On ?? Today(clock)));
        return result is null
            ? refusal!
            : TypedResults.Ok(new PartyScreening(PartyView.Of(result.Outcome.State.Parties[id]), outcome, lists.IsSample, screening.Hits));
    }

    private static async Task<Results<Ok<RescreenResponse>, ValidationProblem, ProblemHttpResult>> RescreenParties(HttpRequest request, LedgerStore store, ListsInForce inForce, TimeProvider clock, ClaimsPrincipal user)
    {
        var lists = inForce.Current;
        var (body, bad) = await ReadBody<RescreenRequest>(request, optional: true);
        if (body is null)
        {
            return bad!;
        }

        var report = PartyRescreening.Rescreen(store.ReadState().Parties.Values, lists.Index, lists.Earlier);
        var views = report.Rescreened.Select(RescreenedPartyView.Of).ToList();
        if (body.DryRun is true || report.Rescreened.Count == 0)
        {
            return TypedResults.Ok(new RescreenResponse(report.ListVersion, lists.IsSample, Recorded: false, views, report.UpToDate, report.NeverScreened));
        }

        var (result, refusal) = Append(store, user, report.ScreeningsToRecord(body.On ?? Today(clock)));
        return result is null
            ? refusal!
            : TypedResults.Ok(new RescreenResponse(report.ListVersion, lists.IsSample, Recorded: true, views, report.UpToDate, report.NeverScreened));
    }

    private static async Task<Results<Ok<PartyView>, ValidationProblem, ProblemHttpResult>> ApproveParty(HttpRequest request, string id, LedgerStore store, TimeProvider clock, ClaimsPrincipal user)
    {
        var (body, bad) = await ReadBody<ApprovalRequest>(request);
        if (body is null)
        {
            return bad!;
        }

        var errors = new RequestErrors();
        var reason = errors.Require(body.Reason, "reason");
        var expires = errors.Require(body.Expires, "expires");
        if (errors.Any)
        {
            return Invalid(errors);
        }

        return PartyStep(store, user, id, new ApproveParty(id, reason, body.On ?? Today(clock), expires));
    }

    private static async Task<Results<Ok<PartyView>, ValidationProblem, ProblemHttpResult>> RejectParty(HttpRequest request, string id, LedgerStore store, TimeProvider clock, ClaimsPrincipal user)
    {
        var (body, bad) = await ReadBody<ReasonRequest>(request);
        if (body is null)
        {
            return bad!;
        }

        var errors = new RequestErrors();
        var reason = errors.Require(body.Reason, "reason");
        return errors.Any ? Invalid(errors) : PartyStep(store, user, id, new RejectParty(id, reason, body.On ?? Today(clock)));
    }

    private static Results<Ok<PartyView>, ValidationProblem, ProblemHttpResult> PartyStep(LedgerStore store, ClaimsPrincipal user, string id, LedgerCommand command)
    {
        if (!store.ReadState().Parties.ContainsKey(id))
        {
            return NotFound($"no party has the id '{id}'");
        }

        var (result, refusal) = Append(store, user, command);
        return result is null ? refusal! : TypedResults.Ok(PartyView.Of(result.Outcome.State.Parties[id]));
    }
}
