using Clearance.Core.Ledger;
using Clearance.Server.Hosting;
using Clearance.Server.Pages;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Screening;

/// <summary>The body of a confirm or dismiss request: why the officer decided so.</summary>
public sealed record ReviewDecisionRequest(string? Reason);

/// <summary>The screening review queue over HTTP: list the hits waiting for review, confirm or dismiss one with a reason.</summary>
public static class ReviewApi
{
    public static RouteGroupBuilder MapScreeningReviewApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var reviews = api.MapGroup("/screening/reviews").WithTags("Screening reviews").RequireAuthorization(ClearancePolicies.Viewer);
        reviews.MapGet("/", List)
            .WithSummary("Screening hits and their review: pending by default; status=confirmed|dismissed|all; party=ID");
        reviews.MapGet("/{id:long}", Get).WithSummary("One screening review with its evidence");
        reviews.MapPost("/{id:long}/confirm", (long id, ReviewDecisionRequest body, LedgerStore store, TimeProvider clock, HttpContext http) => Decide(id, confirm: true, body, store, clock, http))
            .RequireAuthorization(ClearancePolicies.Officer)
            .WithSummary("Confirm a hit: the party is the listed one (suspends an approved party)");
        reviews.MapPost("/{id:long}/dismiss", (long id, ReviewDecisionRequest body, LedgerStore store, TimeProvider clock, HttpContext http) => Decide(id, confirm: false, body, store, clock, http))
            .RequireAuthorization(ClearancePolicies.Officer)
            .WithSummary("Dismiss a hit as a false positive, with the reason");
        return reviews;
    }

    private static Results<Ok<Page<ReviewResponse>>, ValidationProblem> List(LedgerStore store, string? status, string? party, int? page, int? pageSize)
    {
        var errors = Paging.Validate(page, pageSize);
        var filter = ReviewFilter.Pending;
        if (!string.IsNullOrEmpty(status) && !(Enum.TryParse(status, ignoreCase: true, out filter) && Enum.IsDefined(filter)))
        {
            errors["status"] = [$"'{status}' is not a review status; use pending, confirmed, dismissed or all"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var state = store.ReadState();
        var list = ReviewDesk.List(state, filter, party).Select(r => ReviewResponse.From(r, state)).ToList();
        return TypedResults.Ok(Paging.Take(list, page, pageSize));
    }

    private static Results<Ok<ReviewResponse>, ProblemHttpResult> Get(long id, LedgerStore store)
    {
        var state = store.ReadState();
        return ScreeningReviews.Find(state, id) is { } review
            ? TypedResults.Ok(ReviewResponse.From(review, state))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such screening review", detail: $"no screening review has the number {id}");
    }

    private static Results<Ok<ReviewResponse>, ValidationProblem, ProblemHttpResult> Decide(long id, bool confirm, ReviewDecisionRequest body, LedgerStore store, TimeProvider clock, HttpContext http)
    {
        var (result, review, problems) = ReviewDesk.Decide(store, id, confirm, body.Reason, Actor(http), LedgerText.Today(clock));
        var detail = string.Join("; ", problems.Select(p => p.Message));
        return result switch
        {
            ReviewDecisionResult.Done => TypedResults.Ok(ReviewResponse.From(review!, store.ReadState())),
            ReviewDecisionResult.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such screening review", detail: detail),
            ReviewDecisionResult.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The review cannot be decided", detail: detail),
            _ => TypedResults.ValidationProblem(problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal)),
        };
    }

    private static LedgerActor Actor(HttpContext http) => http.User.ToLedgerActor();
}
